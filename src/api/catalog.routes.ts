import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AppError } from '../lib/app-error.js'
import type { MediaId, ProductId, VariantId } from '../lib/ids.js'
import {
  addProductPhoto,
  createProduct,
  findCategoryBySlug,
  findPublishedProduct,
  getProduct,
  listCategoriesWithCounts,
  listShopProducts,
  removeProductPhoto,
  searchCatalog,
  setVariantStock,
  updateProduct,
} from '../modules/catalog/index.js'
import { findShopBySlug } from '../modules/shops/index.js'
import { requireStaffOf, requireUser } from '../http/auth.js'
import type { AppDeps } from '../http/deps.js'
import {
  cardJson,
  categoryJson,
  CategoryList,
  PhotoParams,
  PhotoSchema,
  PhotoUploadBody,
  photoJson,
  ProductBody,
  ProductParams,
  PublicProduct,
  PublicProductParams,
  publicProductJson,
  SearchQuery,
  SearchResults,
  StaffProduct,
  staffProductJson,
  StaffProductPage,
  StaffProductQuery,
  StockBody,
  stockJson,
  StockSchema,
  toProductInput,
  VariantParams,
} from './catalog.schemas.js'
import { security, staffRead, staffWrite, withProblems } from './route-options.js'
import { ShopIdParams } from './shops.schemas.js'
import { staffOnly, withFileFields } from './strict-input.js'

// Staff routes live under /shops/{shopId}/admin/products: /shops/{shopSlug}/products/{productSlug} is the
// public product page, and OpenAPI forbids two paths that differ only by their parameter names.
export function registerCatalogRoutes(parent: FastifyInstance, deps: AppDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['Catalog']
  const catalogDeps = deps.modules.catalog

  api.get(
    '/categories',
    {
      schema: withProblems({
        tags,
        summary: 'The town’s categories (rayons) with their number of published products',
        response: { 200: CategoryList },
      }),
    },
    async () => ({
      items: (await listCategoriesWithCounts(deps.db)).map(categoryJson),
    }),
  )

  api.get(
    '/search',
    {
      schema: withProblems({
        tags,
        summary: 'Search published products and services across every shop',
        description:
          'French full-text search (accents, plurals, one typo forgiven) with filters. An unknown shop or category slug matches nothing.',
        querystring: SearchQuery,
        response: { 200: SearchResults },
      }),
    },
    async (req) => {
      const { shop: shopSlug, category: categorySlug, ...query } = req.query
      const [shop, category] = await Promise.all([
        shopSlug ? findShopBySlug(deps.db, shopSlug) : undefined,
        categorySlug ? findCategoryBySlug(deps.db, categorySlug) : undefined,
      ])
      if ((shopSlug && !shop) || (categorySlug && !category)) {
        return {
          items: [],
          total: 0,
          totalIsCapped: false,
          page: query.page ?? 1,
          perPage: query.perPage ?? 24,
          pageCount: 1,
          corrections: [],
        }
      }
      const results = await searchCatalog(
        { db: deps.db, now: deps.clock.now() },
        { ...query, shopId: shop?.id, categoryId: category?.id },
      )
      return { ...results, items: results.items.map((card) => cardJson(card, deps.publicUrl)) }
    },
  )

  api.get(
    '/shops/:shopSlug/products/:productSlug',
    {
      schema: withProblems({
        tags,
        summary: 'A published product or service, with its variants, stock and photos',
        params: PublicProductParams,
        response: { 200: PublicProduct },
      }),
    },
    async (req) => {
      const shop = await findShopBySlug(deps.db, req.params.shopSlug)
      if (!shop) throw new AppError('not_found', 'shops.shop_not_found', 'shop not found')
      const product = await findPublishedProduct(deps.db, shop.id, req.params.productSlug)
      if (!product) throw new AppError('not_found', 'catalog.product_not_found', 'product not found')
      return publicProductJson(product, shop, deps.clock.now(), deps.publicUrl)
    },
  )

  api.get(
    '/shops/:shopId/admin/products',
    staffRead({
      tags,
      summary: 'The shop’s products, published or hidden, by name (staff)',
      params: ShopIdParams,
      querystring: StaffProductQuery,
      response: { 200: StaffProductPage },
    }),
    async (req) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      const page = await listShopProducts(deps.db, shopId, { ...req.query, limit: req.query.limit ?? 20 })
      return {
        items: page.items.map((p) => staffProductJson(p, deps.publicUrl)),
        nextCursor: page.nextCursor ?? null,
      }
    },
  )

  api.post(
    '/shops/:shopId/admin/products',
    staffWrite({
      tags,
      summary: 'Create a product or service with its variants (staff)',
      params: ShopIdParams,
      body: ProductBody,
      response: { 201: StaffProduct },
    }),
    async (req, reply) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      const product = await createProduct(catalogDeps, requireUser(req).id, shopId, toProductInput(req.body))
      return reply.code(201).send(staffProductJson(product, deps.publicUrl))
    },
  )

  api.get(
    '/shops/:shopId/admin/products/:productId',
    staffRead({
      tags,
      summary: 'One of the shop’s products, published or hidden (staff)',
      params: ProductParams,
      response: { 200: StaffProduct },
    }),
    async (req) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      return staffProductJson(
        await getProduct(deps.db, shopId, req.params.productId as ProductId),
        deps.publicUrl,
      )
    },
  )

  api.put(
    '/shops/:shopId/admin/products/:productId',
    staffWrite({
      tags,
      summary: 'Replace a product’s fields and variants (staff)',
      description:
        'Variants with an id are changed, without an id added, left out removed (refused while customers hold units of them).',
      params: ProductParams,
      body: ProductBody,
      response: { 200: StaffProduct },
    }),
    async (req) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      const product = await updateProduct(
        catalogDeps,
        requireUser(req).id,
        shopId,
        req.params.productId as ProductId,
        toProductInput(req.body),
      )
      return staffProductJson(product, deps.publicUrl)
    },
  )

  api.put(
    '/shops/:shopId/admin/products/:productId/variants/:variantId/stock',
    staffWrite({
      tags,
      summary: 'Set the units on hand of a variant (staff)',
      description: 'Refused (409) below the units already held by customers’ orders.',
      params: VariantParams,
      body: StockBody,
      response: { 200: StockSchema },
    }),
    async (req) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      const { productId, variantId } = req.params
      return stockJson(
        await setVariantStock(
          catalogDeps,
          requireUser(req).id,
          shopId,
          productId as ProductId,
          variantId as VariantId,
          req.body.onHand,
        ),
      )
    },
  )

  api.post(
    '/shops/:shopId/admin/products/:productId/photos',
    {
      validatorCompiler: withFileFields(['photo']),
      onRequest: [staffOnly()],
      schema: withProblems({
        tags,
        summary: 'Add a photo to a product (staff; multipart/form-data)',
        description: 'Stored as WebP at several widths; 15 MB at most.',
        security,
        consumes: ['multipart/form-data'],
        params: ProductParams,
        body: PhotoUploadBody,
        response: { 201: PhotoSchema },
      }),
    },
    async (req, reply) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      const photo = await addProductPhoto(
        catalogDeps,
        requireUser(req).id,
        shopId,
        req.params.productId as ProductId,
        req.body.photo,
        req.body.alt ?? '',
      )
      return reply.code(201).send(photoJson(photo, deps.publicUrl))
    },
  )

  api.delete(
    '/shops/:shopId/admin/products/:productId/photos/:photoId',
    staffRead({
      tags,
      summary: 'Take a photo down at once (staff)',
      params: PhotoParams,
      response: { 204: Type.Null() },
    }),
    async (req, reply) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      await removeProductPhoto(
        catalogDeps,
        requireUser(req).id,
        shopId,
        req.params.productId as ProductId,
        req.params.photoId as MediaId,
      )
      return reply.code(204).send(null)
    },
  )
}
