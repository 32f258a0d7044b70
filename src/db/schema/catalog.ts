import type { Generated } from 'kysely'

export interface CategoriesTable {
  id: string
  slug: string
  name: string
  description: string
  position: number
}

export interface ProductsTable {
  id: string
  shop_id: string
  category_id: string | null
  slug: string
  /** 'product' | 'service' */
  kind: string
  name: string
  description: string
  vat_rate_bp: number
  /** 'published' | 'hidden' */
  status: string
  /** Lowest variant price, kept in step with variants so listings sort by price without a join. */
  from_price_cents: number
  /** 1 when a variant can be sold now (a service, or units not held); kept in step with stock changes. */
  has_stock: Generated<number>
  /** Null: the 14-day withdrawal right applies. Otherwise the L221-28 exception (WITHDRAWAL_EXCEPTIONS). */
  withdrawal_exception: string | null
  /** Normalized, stemmed words of name + description: what both engines index. */
  search_document: string
  /** Normalized, stemmed words of the name, padded with spaces: portable relevance ranking. */
  search_name: string
  created_at: string
  updated_at: string
}

export interface VariantsTable {
  id: string
  shop_id: string
  product_id: string
  name: string
  sku: string | null
  price_cents: number
  currency: string
  position: number
  /** Services have a duration and no stock. */
  duration_minutes: number | null
  tracks_stock: number
}

export interface StockLevelsTable {
  shop_id: string
  variant_id: string
  on_hand: number
  reserved: number
  updated_at: string
}

export interface ProductMediaTable {
  id: string
  shop_id: string
  product_id: string
  position: number
  alt: string
  /** Comma-separated widths generated, e.g. "320,640,1024". */
  widths: string
  width: number
  height: number
  created_at: string
}

/** Spelling neighbours of indexed words (the word and its one-letter deletions), for typo tolerance. */
export interface SearchTermsTable {
  variant: string
  term: string
}
