import type { Db } from '../../db/index.js'
import { newId, type CategoryId } from '../../lib/ids.js'
import { slugify } from '../../lib/slug.js'
import type { Category } from './types.js'
import { invalidCategory } from './errors.js'

/** Town-wide categories ("rayons"), shared by every shop; set up by the coordinator. */
export async function createCategory(
  db: Db,
  input: { name: string; description?: string; position?: number },
): Promise<Category> {
  const name = input.name.trim()
  if (!name || name.length > 60)
    throw invalidCategory([{ field: 'name', code: name ? 'too_long' : 'required' }])
  const category: Category = {
    id: newId<CategoryId>(),
    slug: slugify(name),
    name,
    description: input.description?.trim() ?? '',
    position: input.position ?? 0,
  }
  await db
    .insertInto('categories')
    .values({ ...category })
    .execute()
  return category
}

/** Every category, in display order: a handful of rows, cheap enough for every page. */
export async function listCategories(db: Db): Promise<Category[]> {
  const rows = await db.selectFrom('categories').selectAll().orderBy('position').orderBy('name').execute()
  return rows.map((r) => ({ ...r, id: r.id as CategoryId }))
}

export async function findCategory(db: Db, categoryId: CategoryId): Promise<Category | undefined> {
  const row = await db.selectFrom('categories').selectAll().where('id', '=', categoryId).executeTakeFirst()
  return row && { ...row, id: row.id as CategoryId }
}

/** Categories with their published product counts, each counted on the (category, status) index alone. */
export async function listCategoriesWithCounts(db: Db): Promise<Array<Category & { productCount: number }>> {
  const rows = await db
    .selectFrom('categories')
    .selectAll('categories')
    .select((eb) =>
      eb
        .selectFrom('products')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('products.category_id', '=', 'categories.id')
        .where('products.status', '=', 'published')
        .as('product_count'),
    )
    .orderBy('categories.position')
    .orderBy('categories.name')
    .execute()
  return rows.map((r) => ({
    id: r.id as CategoryId,
    slug: r.slug,
    name: r.name,
    description: r.description,
    position: r.position,
    productCount: Number(r.product_count ?? 0),
  }))
}

export async function findCategoryBySlug(db: Db, slug: string): Promise<Category | undefined> {
  if (slug.length > 80) return undefined
  const row = await db.selectFrom('categories').selectAll().where('slug', '=', slug).executeTakeFirst()
  return row && { ...row, id: row.id as CategoryId }
}
