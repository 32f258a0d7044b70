import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { newId, type MediaId, type ProductId, type ShopId, type UserId } from '../../lib/ids.js'
import { recordAudit } from '../identity/index.js'
import { imageTooLarge, notAnImage, photoNotFound, productNotFound } from './errors.js'
import { toPhoto } from './product.repo.js'
import type { Photo } from './types.js'
import type { CatalogDeps } from './deps.js'

/** The widths served in srcset; an image is never enlarged beyond its own width. */
export const PHOTO_WIDTHS = [320, 640, 1280] as const
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024
// A phone photo is about 12 megapixels; 50 refuses decompression bombs without refusing real photos.
const MAX_INPUT_PIXELS = 50_000_000

export function photoFileName(photoId: string, width: number): string {
  return `${photoId}-${width}.webp`
}

/** A decoded, upright image, ready to be resized and stored. */
export interface PreparedPhoto {
  readonly upright: Buffer
  readonly width: number
  readonly height: number
}

/**
 * Decodes a whole upload and turns it upright (phone EXIF orientation). A form that creates a product
 * with its photo calls this first, so a file that is not an image is refused before anything is written.
 * Throws catalog.image_too_large or catalog.not_an_image.
 */
export async function preparePhoto(image: Buffer): Promise<PreparedPhoto> {
  if (image.length > MAX_UPLOAD_BYTES) throw imageTooLarge()
  const sharp = await loadSharp()
  try {
    const { data, info } = await sharp(image, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .toBuffer({ resolveWithObject: true })
    return { upright: data, width: info.width, height: info.height }
  } catch {
    throw notAnImage()
  }
}

/**
 * Adds a photo: resized to WebP at each width, then recorded. The slow image work happens before the
 * transaction; files are named by a fresh id, so a crash between the two leaves only unreferenced files,
 * never a row pointing to nothing.
 */
export async function addProductPhoto(
  deps: CatalogDeps,
  actor: UserId | undefined,
  shopId: ShopId,
  productId: ProductId,
  image: Buffer | PreparedPhoto,
  alt: string,
): Promise<Photo> {
  const exists = await deps.db
    .selectFrom('products')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('id', '=', productId)
    .executeTakeFirst()
  if (!exists) throw productNotFound()
  const prepared = Buffer.isBuffer(image) ? await preparePhoto(image) : image
  const { width, height } = prepared
  const id = newId<MediaId>()
  const widths = PHOTO_WIDTHS.filter((w) => w < width)
  if (widths.length < PHOTO_WIDTHS.length)
    widths.push(Math.min(width, PHOTO_WIDTHS.at(-1)!) as (typeof PHOTO_WIDTHS)[number])
  await mkdir(deps.mediaDir, { recursive: true })
  const sharp = await loadSharp()
  await Promise.all(
    widths.map(async (w) => {
      const webp = await sharp(prepared.upright)
        .resize({ width: w, withoutEnlargement: true })
        .webp({ quality: 78 })
        .toBuffer()
      await writeFile(join(deps.mediaDir, photoFileName(id, w)), webp)
    }),
  )

  const row = {
    id,
    shop_id: shopId,
    product_id: productId,
    position: 0,
    alt: alt.trim().slice(0, 200),
    widths: widths.join(','),
    width,
    height,
    created_at: deps.clock.now().toISOString(),
  }
  await deps.db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('product_media')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('product_id', '=', productId)
      .executeTakeFirst()
    row.position = (last?.max ?? -1) + 1
    await trx.insertInto('product_media').values(row).execute()
    await recordAudit(trx, {
      at: row.created_at,
      actor,
      shopId,
      action: 'product.photo_added',
      subject: productId,
      details: { photoId: id },
    })
  })
  deps.changes?.publish({ shopId, productId })
  return toPhoto(row)
}

/** Takes a photo down at once: the row goes in the transaction, the files right after. */
export async function removeProductPhoto(
  deps: CatalogDeps,
  actor: UserId | undefined,
  shopId: ShopId,
  productId: ProductId,
  photoId: MediaId,
): Promise<void> {
  const photo = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('product_media')
      .selectAll()
      .where('shop_id', '=', shopId)
      .where('product_id', '=', productId)
      .where('id', '=', photoId)
      .executeTakeFirst()
    if (!row) throw photoNotFound()
    await trx.deleteFrom('product_media').where('id', '=', photoId).execute()
    await recordAudit(trx, {
      at: deps.clock.now().toISOString(),
      actor,
      shopId,
      action: 'product.photo_removed',
      subject: productId,
      details: { photoId },
    })
    return toPhoto(row)
  })
  deps.changes?.publish({ shopId, productId })
  await Promise.all(
    photo.widths.map((w) => rm(join(deps.mediaDir, photoFileName(photo.id, w)), { force: true })),
  )
}

// The image library (about 27 MB resident) is loaded at the first upload, not by every server process.
async function loadSharp() {
  return (await import('sharp')).default
}
