/** The two stored files of a photo row, by size: what add-photo writes, the photo route serves and a backup copies. */
export const PHOTO_SIZES = ['display', 'thumbnail'] as const;
export type PhotoSize = (typeof PHOTO_SIZES)[number];

export const photoFile = (storageKey: string, size: PhotoSize) => `${storageKey}-${size}.jpg`;

export const photoFiles = (storageKey: string) => PHOTO_SIZES.map((size) => photoFile(storageKey, size));
