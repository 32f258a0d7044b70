/**
 * Catalog: products and services, variants, stock counts, photos, town-wide categories and French search.
 * Invariants: 0 ≤ reserved ≤ on_hand for every stocked variant (a check constraint and conditional updates);
 * search indexes only the words produced by search-text.ts, so both engines return the same results.
 */
export type { CatalogDeps } from './deps.js'
export { createProduct, updateProduct } from './save-product.js'
export { importProducts } from './import-products.js'
export { setVariantStock } from './set-variant-stock.js'
export { refreshHasStock } from './product-availability.js'
export { findSellableVariants, isOrderable, type SellableVariant } from './sellable-variants.js'
export {
  preparePhoto,
  addProductPhoto,
  removeProductPhoto,
  photoFileName,
  PHOTO_WIDTHS,
  MAX_UPLOAD_BYTES,
  type PreparedPhoto,
} from './product-photos.js'
export {
  getProduct,
  findPublishedProduct,
  listShopProducts,
  listPublishedProductAddresses,
} from './find-products.js'
export {
  searchCatalog,
  CATALOG_SORTS,
  MAX_PER_PAGE,
  MAX_PAGE,
  type CatalogQuery,
  type CatalogResults,
  type CatalogSort,
} from './search-catalog.js'
export {
  createCategory,
  listCategories,
  listCategoriesWithCounts,
  findCategory,
  findCategoryBySlug,
} from './categories.js'
export { summarizeShopCatalog } from './summarize-shop-catalog.js'
export { stockState, checkProductInput, WITHDRAWAL_EXCEPTIONS, withdrawalTerms } from './rules.js'
export { parseQuery } from './search-text.js'
export type {
  Product,
  ProductInput,
  VariantInput,
  Variant,
  Photo,
  Category,
  ProductCard,
  ProductKind,
  ProductStatus,
  StockState,
  Stock,
  WithdrawalException,
} from './types.js'
