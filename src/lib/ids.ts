import { ulid } from 'ulid'

export type ShopId = string & { readonly __brand: 'ShopId' }
export type ProductId = string & { readonly __brand: 'ProductId' }
export type VariantId = string & { readonly __brand: 'VariantId' }
export type CategoryId = string & { readonly __brand: 'CategoryId' }
export type UserId = string & { readonly __brand: 'UserId' }
export type MediaId = string & { readonly __brand: 'MediaId' }

/** Sortable, URL-safe, 26 characters: ids double as stable pagination cursors. */
export function newId<T extends string>(): T {
  return ulid() as T
}

const ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/

/** Malformed ids are answered like unknown ones (404), so no 500 and no existence leak. */
export function isWellFormedId(value: string): boolean {
  return ID_PATTERN.test(value)
}
