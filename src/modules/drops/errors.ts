import { AppError, invalidFields, type FieldProblem } from '../../lib/app-error.js'

export const dropNotFound = () => new AppError('not_found', 'drops.drop_not_found', 'drop not found')
export const invalidDrop = (problems: readonly FieldProblem[]) =>
  invalidFields('drops.invalid_drop', problems)
export const variantNotOrderable = () =>
  new AppError(
    'invalid',
    'drops.variant_not_orderable',
    'choose a product of this shop, on sale, with a stock count',
    { field: 'variantId' },
  )
export const offerNotOrderable = (index: number) =>
  new AppError(
    'invalid',
    'drops.offer_not_orderable',
    'a bundle can only add a product of this shop, on sale',
    { field: `offers.${index}.variantId` },
  )
export const dropEnded = () => new AppError('conflict', 'drops.drop_ended', 'this drop is over')
export const notAdmitted = () =>
  new AppError('forbidden', 'drops.not_admitted', 'your turn has not come, or it has passed')
export const invalidQuantity = () =>
  new AppError('invalid', 'drops.invalid_quantity', 'a quantity from 1', { field: 'quantity' })
export const notOpen = () => new AppError('conflict', 'drops.not_open', 'this drop is not open')
export const soldOut = () => new AppError('conflict', 'drops.sold_out', 'no unit left')
export const limitReached = () =>
  new AppError('conflict', 'drops.limit_reached', 'you hold or ordered as many as one resident may')
export const busy = () =>
  new AppError('unavailable', 'drops.busy', 'too many hold requests at once', { retryAfter: 1 })
/** Also when the checkout finds a drop's line in a basket with no account (ordering): `message` says which. */
export const holdExpired = (message = 'your hold on this drop expired or changed: join the drop again') =>
  new AppError('conflict', 'drops.hold_expired', message)
