import { Type, type Static } from 'typebox'
import type { CategoryId, VariantId } from '../lib/ids.js'
import { VAT_RATES_BP } from '../lib/money.js'
import {
  CATALOG_SORTS,
  MAX_PAGE,
  MAX_PER_PAGE,
  photoFileName,
  stockState,
  WITHDRAWAL_EXCEPTIONS,
  type Category,
  type Photo,
  type Product,
  type ProductCard,
  type ProductInput,
  type Stock,
} from '../modules/catalog/index.js'
import type { Shop } from '../modules/shops/index.js'
import { Id } from './schemas.js'
import { Nullable } from './shops.schemas.js'

/** Catalog schemas of the JSON API: public listings, the staff's view of a product, and product input. */

const ProductKindSchema = Type.Enum(['product', 'service'])
const ProductStatusSchema = Type.Enum(['published', 'hidden'], {
  description: 'hidden: visible to staff only',
})
const StockStateSchema = Type.Enum(['in_stock', 'limited', 'out_of_stock', 'unknown', 'service'], {
  description: 'unknown: the count is older than the shop’s freshness window, so it is not promised',
})
const WithdrawalExceptionSchema = Nullable(
  Type.Enum([...WITHDRAWAL_EXCEPTIONS], {
    description: 'Why the 14-day withdrawal right does not apply (L221-28); null: it applies',
  }),
)
const Cents = (description: string) => Type.Integer({ minimum: 0, maximum: 10_000_000, description })

export const PhotoSchema = Type.Object({
  id: Type.String(),
  alt: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  sources: Type.Array(
    Type.Object({ width: Type.Integer(), url: Type.String({ description: 'WebP file at this width' }) }),
  ),
})

export const ProductCardSchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  kind: ProductKindSchema,
  shopId: Type.String(),
  shopSlug: Type.String(),
  shopName: Type.String(),
  categoryId: Nullable(Type.String()),
  fromPriceCents: Cents('Lowest variant price, VAT included'),
  variantCount: Type.Integer(),
  available: Nullable(Type.Integer({ description: 'Units available over all variants; null for services' })),
  stockUpdatedAt: Nullable(Type.String({ format: 'date-time' })),
  stockState: StockStateSchema,
  photo: Nullable(PhotoSchema),
})

export const SearchQuery = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 10_000, description: 'Words to find; only the first 200 characters are used' }),
  ),
  shop: Type.Optional(Type.String({ maxLength: 80, description: 'Shop slug' })),
  category: Type.Optional(Type.String({ maxLength: 80, description: 'Category slug' })),
  kind: Type.Optional(ProductKindSchema),
  inStock: Type.Optional(Type.Boolean()),
  openNow: Type.Optional(Type.Boolean({ description: 'Only shops open at this moment' })),
  sort: Type.Optional(
    Type.Enum([...CATALOG_SORTS], { description: 'Default: relevance with words, name without' }),
  ),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
  perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PER_PAGE, default: 24 })),
})

export const SearchResults = Type.Object({
  items: Type.Array(ProductCardSchema),
  total: Type.Integer({ description: 'Matches counted, up to 1,000' }),
  totalIsCapped: Type.Boolean({ description: 'True when there are more than 1,000 matches' }),
  page: Type.Integer(),
  perPage: Type.Integer(),
  pageCount: Type.Integer(),
  corrections: Type.Array(Type.Object({ word: Type.String(), matched: Type.Array(Type.String()) }), {
    description: 'Query words found only through typo tolerance, with the words they matched',
  }),
})

export const CategoryList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      slug: Type.String(),
      name: Type.String(),
      description: Type.String(),
      productCount: Type.Integer(),
    }),
  ),
})

const PublicStock = Type.Object({
  available: Type.Integer(),
  state: StockStateSchema,
  updatedAt: Type.String({ format: 'date-time' }),
})

export const PublicProduct = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  kind: ProductKindSchema,
  description: Type.String(),
  categoryId: Nullable(Type.String()),
  vatRateBp: Type.Integer({ description: 'VAT rate in basis points (550 = 5.5 %)' }),
  fromPriceCents: Cents('Lowest variant price, VAT included'),
  shop: Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() }),
  variants: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      priceCents: Cents('VAT included'),
      durationMinutes: Nullable(Type.Integer()),
      stock: Nullable(PublicStock),
    }),
  ),
  photos: Type.Array(PhotoSchema),
  updatedAt: Type.String({ format: 'date-time' }),
})

export const StockSchema = Type.Object({
  onHand: Type.Integer(),
  reserved: Type.Integer({ description: 'Units held by orders not yet collected' }),
  available: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
})

export const StaffProduct = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  kind: ProductKindSchema,
  description: Type.String(),
  categoryId: Nullable(Type.String()),
  vatRateBp: Type.Integer(),
  status: ProductStatusSchema,
  withdrawalException: WithdrawalExceptionSchema,
  fromPriceCents: Cents('Lowest variant price, VAT included'),
  variants: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      sku: Nullable(Type.String()),
      priceCents: Cents('VAT included'),
      durationMinutes: Nullable(Type.Integer()),
      stock: Nullable(StockSchema),
    }),
  ),
  photos: Type.Array(PhotoSchema),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
})

export const StaffProductQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 1000, description: 'Part of the name' })),
  status: Type.Optional(ProductStatusSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 1024 })),
})
export const StaffProductPage = Type.Object({
  items: Type.Array(StaffProduct),
  nextCursor: Nullable(Type.String()),
})

const VariantBody = Type.Object(
  {
    id: Type.Optional(Id),
    name: Type.String({ maxLength: 60 }),
    priceCents: Cents('Price VAT included, in cents'),
    sku: Type.Optional(Type.String({ maxLength: 40 })),
    durationMinutes: Type.Optional(
      Type.Integer({ minimum: 5, maximum: 24 * 60, description: 'Services only' }),
    ),
    onHand: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 1_000_000,
        description: 'Products only; absent leaves the count as it is',
      }),
    ),
  },
  { additionalProperties: false, description: 'With an id: changes that variant; without: adds one' },
)

export const ProductBody = Type.Object(
  {
    name: Type.String({ maxLength: 120 }),
    description: Type.Optional(Type.String({ maxLength: 5000, default: '' })),
    kind: ProductKindSchema,
    categoryId: Type.Optional(Id),
    vatRateBp: Type.Enum([...VAT_RATES_BP], { description: 'VAT rate in basis points' }),
    status: ProductStatusSchema,
    withdrawalException: Type.Optional(WithdrawalExceptionSchema),
    variants: Type.Array(VariantBody, {
      minItems: 1,
      maxItems: 30,
      description: 'Variants left out of an update are removed',
    }),
  },
  { additionalProperties: false },
)

export const StockBody = Type.Object(
  { onHand: Type.Integer({ minimum: 0, maximum: 1_000_000 }) },
  { additionalProperties: false },
)

// Fastify hands file fields over as Buffers (attachFieldsToBody: 'keyValues'); the document says "binary".
export const PhotoUploadBody = Type.Object(
  {
    photo: Type.Unsafe<Buffer>({
      type: 'string',
      contentMediaType: 'application/octet-stream',
      description: 'JPEG, PNG, WebP, HEIC or GIF, 15 MB at most',
    }),
    alt: Type.Optional(
      Type.String({ maxLength: 200, description: 'What the photo shows, for screen readers' }),
    ),
  },
  { additionalProperties: false },
)

export const ProductParams = Type.Object({ shopId: Id, productId: Id })
export const VariantParams = Type.Object({ shopId: Id, productId: Id, variantId: Id })
export const PhotoParams = Type.Object({ shopId: Id, productId: Id, photoId: Id })
export const PublicProductParams = Type.Object({
  shopSlug: Type.String({ minLength: 1, maxLength: 80 }),
  productSlug: Type.String({ minLength: 1, maxLength: 80 }),
})

export function toProductInput(body: Static<typeof ProductBody>): ProductInput {
  return {
    ...body,
    description: body.description ?? '',
    categoryId: body.categoryId as CategoryId | undefined,
    withdrawalException: body.withdrawalException ?? undefined,
    variants: body.variants.map((v) => ({ ...v, id: v.id as VariantId | undefined })),
  }
}

export function photoJson(photo: Photo, publicUrl: string): Static<typeof PhotoSchema> {
  const base = publicUrl.replace(/\/+$/, '')
  return {
    id: photo.id,
    alt: photo.alt,
    width: photo.width,
    height: photo.height,
    sources: photo.widths.map((width) => ({ width, url: `${base}/media/${photoFileName(photo.id, width)}` })),
  }
}

export function cardJson(card: ProductCard, publicUrl: string): Static<typeof ProductCardSchema> {
  return {
    ...card,
    categoryId: card.categoryId ?? null,
    available: card.available ?? null,
    stockUpdatedAt: card.stockUpdatedAt ?? null,
    photo: card.photo ? photoJson(card.photo, publicUrl) : null,
  }
}

export const categoryJson = (c: Category & { productCount: number }) => ({
  id: c.id,
  slug: c.slug,
  name: c.name,
  description: c.description,
  productCount: c.productCount,
})

export const stockJson = (s: Stock): Static<typeof StockSchema> => ({
  onHand: s.onHand,
  reserved: s.reserved,
  available: s.available,
  updatedAt: s.updatedAt,
})
export function staffProductJson(p: Product, publicUrl: string): Static<typeof StaffProduct> {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    kind: p.kind,
    description: p.description,
    categoryId: p.categoryId ?? null,
    vatRateBp: p.vatRateBp,
    status: p.status,
    withdrawalException: p.withdrawalException ?? null,
    fromPriceCents: p.fromPriceCents,
    variants: p.variants.map((v) => ({
      id: v.id,
      name: v.name,
      sku: v.sku ?? null,
      priceCents: v.priceCents,
      durationMinutes: v.durationMinutes ?? null,
      stock: v.stock ? stockJson(v.stock) : null,
    })),
    photos: p.photos.map((photo) => photoJson(photo, publicUrl)),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  }
}

/** The resident's view: stock as "available" with an honest state, never the internal counts. */
export function publicProductJson(
  p: Product,
  shop: Shop,
  now: Date,
  publicUrl: string,
): Static<typeof PublicProduct> {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    kind: p.kind,
    description: p.description,
    categoryId: p.categoryId ?? null,
    vatRateBp: p.vatRateBp,
    fromPriceCents: p.fromPriceCents,
    shop: { id: shop.id, slug: shop.slug, name: shop.name },
    variants: p.variants.map((v) => ({
      id: v.id,
      name: v.name,
      priceCents: v.priceCents,
      durationMinutes: v.durationMinutes ?? null,
      stock: v.stock
        ? {
            available: v.stock.available,
            state: stockState(v.stock, now, shop.stockFreshnessHours),
            updatedAt: v.stock.updatedAt,
          }
        : null,
    })),
    photos: p.photos.map((photo) => photoJson(photo, publicUrl)),
    updatedAt: p.updatedAt,
  }
}
