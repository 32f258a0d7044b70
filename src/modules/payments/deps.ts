import type { Db } from '../../db/index.js'
import type { PaymentProviders } from './provider.js'

// What the payment commands ask of the composition root (app.ts, the worker).

export interface PaymentsDeps {
  db: Db
  payments: PaymentProviders
}
