import type { CategoryId, MediaId, ProductId, ShopId, VariantId } from '../../lib/ids.js'

export type ProductKind = 'product' | 'service'
export type ProductStatus = 'published' | 'hidden'
/** UX-01: what the storefront may honestly say about stock. */
export type StockState = 'in_stock' | 'limited' | 'out_of_stock' | 'unknown' | 'service'
/**
 * LAW F3 (L221-28): why the 14-day withdrawal right does not apply to a product. Absent: it applies.
 * perishable: deteriorates or expires quickly; personalised: made to the resident's specifications;
 * sealed_hygiene: unsealed, not returnable for hygiene; newspaper: press; dated_service: a service on a set date.
 */
export type WithdrawalException =
  'perishable' | 'personalised' | 'sealed_hygiene' | 'newspaper' | 'dated_service'

export interface Category {
  id: CategoryId
  slug: string
  name: string
  description: string
  position: number
}

export interface Stock {
  onHand: number
  reserved: number
  available: number
  updatedAt: string
}

export interface Variant {
  id: VariantId
  name: string
  sku: string | undefined
  priceCents: number
  durationMinutes: number | undefined
  /** Undefined for services, which have no stock. */
  stock: Stock | undefined
}

export interface Photo {
  id: MediaId
  alt: string
  widths: number[]
  width: number
  height: number
}

export interface Product {
  id: ProductId
  shopId: ShopId
  categoryId: CategoryId | undefined
  slug: string
  kind: ProductKind
  name: string
  description: string
  vatRateBp: number
  status: ProductStatus
  fromPriceCents: number
  /** Undefined: the 14-day withdrawal right applies (LAW F2). */
  withdrawalException: WithdrawalException | undefined
  variants: Variant[]
  photos: Photo[]
  createdAt: string
  updatedAt: string
}

export interface VariantInput {
  /** Present to change an existing variant; absent to add one. */
  id?: VariantId | undefined
  name: string
  priceCents: number
  sku?: string | undefined
  durationMinutes?: number | undefined
  /** Units on hand (products only); absent leaves the current stock as it is. */
  onHand?: number | undefined
}

export interface ProductInput {
  name: string
  description: string
  kind: ProductKind
  categoryId?: CategoryId | undefined
  vatRateBp: number
  status: ProductStatus
  /** Undefined: the 14-day withdrawal right applies (LAW F2). */
  withdrawalException?: WithdrawalException | undefined
  variants: VariantInput[]
}

/** One line of a listing (storefront search, category, shop page): enough for a card, no variant details. */
export interface ProductCard {
  id: ProductId
  slug: string
  name: string
  kind: ProductKind
  shopId: ShopId
  shopSlug: string
  shopName: string
  categoryId: CategoryId | undefined
  fromPriceCents: number
  variantCount: number
  /** Sum of available units over stocked variants; undefined for services. */
  available: number | undefined
  stockUpdatedAt: string | undefined
  stockState: StockState
  photo: Photo | undefined
}
