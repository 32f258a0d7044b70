import { AppError, invalidFields, notFound, type FieldProblem } from '../../lib/app-error.js'

export const shopNotFound = () => notFound('shops.shop_not_found', 'shop')
export const closureNotFound = () => notFound('shops.closure_not_found', 'closure')
export const invalidProfile = (problems: readonly FieldProblem[]) =>
  invalidFields('shops.invalid_profile', problems)
export const invalidHours = (problems: readonly FieldProblem[]) =>
  invalidFields('shops.invalid_hours', problems)
export const invalidClosure = (problems: readonly FieldProblem[]) =>
  invalidFields('shops.invalid_closure', problems)
export const invalidPickupSettings = (problems: readonly FieldProblem[]) =>
  invalidFields('shops.invalid_pickup_settings', problems)
export const slugTaken = () =>
  new AppError('conflict', 'shops.slug_taken', 'a shop already has this address', { field: 'name' })
