import { AppError, invalid, notFound } from '../../lib/app-error.js'

export const shopNotFound = () => notFound('shops.shop_not_found', 'shop')
export const closureNotFound = () => notFound('shops.closure_not_found', 'closure')
export const invalidShopField = (field: string, code: string, message: string) => invalid(`shops.${code}`, field, message)
export const slugTaken = () => new AppError('conflict', 'shops.slug_taken', 'a shop already has this address', { field: 'name' })
