import sharp from 'sharp'
import { MAX_UPLOAD_BYTES } from '../../modules/catalog/index.js'

// Same ceiling as the catalog's addProductPhoto: a phone photo is ~12 megapixels; more is a decompression bomb.
const MAX_INPUT_PIXELS = 50_000_000

/**
 * Quick add creates the product and then its photo, and the catalog has no way to undo a creation. So the
 * photo is decoded here first, the whole of it (a header alone can hide a truncated or corrupt file):
 * only an image the catalog will read lets the product be created, and a bad file writes nothing.
 * The catalog should own this check (see the report to the lead); it lives here until it does.
 */
export async function photoProblem(image: Buffer): Promise<'catalog.not_an_image' | 'catalog.image_too_large' | undefined> {
  if (image.length > MAX_UPLOAD_BYTES) return 'catalog.image_too_large'
  try {
    await sharp(image, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().resize({ width: 64, withoutEnlargement: true }).raw().toBuffer()
    return undefined
  } catch {
    return 'catalog.not_an_image'
  }
}
