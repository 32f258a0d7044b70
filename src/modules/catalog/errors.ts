import { AppError, invalid, invalidFields, notFound, type FieldProblem } from '../../lib/app-error.js'

export const productNotFound = () => notFound('catalog.product_not_found', 'product')
export const photoNotFound = () => notFound('catalog.photo_not_found', 'photo')
export const variantNotFound = () => notFound('catalog.variant_not_found', 'variant')
export const invalidProduct = (problems: readonly FieldProblem[]) =>
  invalidFields('catalog.invalid_product', problems)
export const invalidCategory = (problems: readonly FieldProblem[]) =>
  invalidFields('catalog.invalid_category', problems)
export const unknownCategory = () => invalid('catalog.unknown_category', 'categoryId', 'no such category')
export const unknownVariant = (index: number) =>
  invalid('catalog.unknown_variant', `variants[${index}].id`, 'no such variant in this product')
/** `field` names the input that carried the count: 'variants[2].onHand' in a product form, 'onHand' alone. */
export const stockBelowReserved = (field: string, reserved: number) =>
  new AppError(
    'conflict',
    'catalog.stock_below_reserved',
    `stock cannot go below the ${reserved} units held`,
    { field, reserved },
  )
export const variantHasHolds = (variantId: string) =>
  new AppError('conflict', 'catalog.variant_has_holds', 'a variant with units held cannot be removed', {
    field: 'variants',
    variantId,
  })
export const stockNotTracked = () =>
  new AppError('conflict', 'catalog.stock_not_tracked', 'services have no stock', { field: 'onHand' })
export const notAnImage = () =>
  invalid(
    'catalog.not_an_image',
    'photo',
    'the file is not an image we can read (JPEG, PNG, WebP, HEIC, GIF)',
  )
export const imageTooLarge = () =>
  new AppError('too_large', 'catalog.image_too_large', 'the image is too large', { field: 'photo' })
