import type { Db } from '../../db/index.js'
import type { Clock } from '../../lib/clock.js'
import type { PaymentProviders } from '../payments/index.js'

// What the bookings' commands ask of the composition root (app.ts).

export interface BookingsDeps {
  db: Db
  clock: Clock
  /** Card providers, for services that ask a guarantee (decision 006, "Deposits"); booking one without them fails. */
  payments?: PaymentProviders | undefined
}

/** Settling a booking's payment needs the card providers for sure. */
export type DepositDeps = BookingsDeps & { payments: PaymentProviders }
