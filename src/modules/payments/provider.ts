/**
 * What Comptoir asks of a card provider. Every call carries an idempotency key: the same key twice (a retry,
 * two staff at once) has the effect of one call and returns the first answer. Card data never reaches
 * Comptoir: `token` stands for what the provider's own page handed back (LAW H1).
 */
export interface PaymentProvider {
  readonly name: string
  authorize(request: {
    idempotencyKey: string
    amountCents: number
    currency: string
    token?: string | undefined
  }): Promise<{ outcome: 'authorized' | 'declined'; reference: string }>
  capture(request: { idempotencyKey: string; reference: string; amountCents: number }): Promise<void>
  void(request: { idempotencyKey: string; reference: string }): Promise<void>
  refund(request: { idempotencyKey: string; reference: string; amountCents: number }): Promise<void>
}

export type PaymentProviders = ReadonlyMap<string, PaymentProvider>

/** "Payer au comptoir": nothing is held online; the counter takes the money at pickup. */
export const counterProvider: PaymentProvider = {
  name: 'counter',
  authorize: async ({ idempotencyKey }) => ({
    outcome: 'authorized',
    reference: `counter:${idempotencyKey}`,
  }),
  capture: async () => {},
  void: async () => {},
  refund: async () => {},
}
