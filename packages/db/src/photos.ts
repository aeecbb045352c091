import { sql } from 'drizzle-orm';
import { execRows, type Database, type Executor } from './connect.ts';
import { inList, publicReport, tsParam } from './sql-kit.ts';
import { addEvent } from './timeline.ts';

export interface PhotoTarget {
  id: number;
  publicId: string;
  uploadTokenHash: string | null;
  photoCount: number;
}

/** The report a photo is being added to, with what the upload rules need to know. */
export async function photoTarget(database: Database, publicId: string): Promise<PhotoTarget | undefined> {
  const [row] = await database.rows<{ id: number; upload_token_hash: string | null; n: number }>(sql`
    select r.id, r.upload_token_hash, (select count(*)::int from photos p where p.report_id = r.id) as n
    from reports r where r.public_id = ${publicId} and ${publicReport()}`);
  return row ? { id: Number(row.id), publicId, uploadTokenHash: row.upload_token_hash, photoCount: Number(row.n) } : undefined;
}

export interface NewPhoto {
  id: string;
  reportId: number;
  storageKey: string;
  contentType: string;
  width: number;
  height: number;
  bytes: number;
  at: Date;
  actorType: 'resident' | 'staff';
}

/**
 * Records a stored photo and its public timeline event. The count is checked again under
 * the report's row lock, so two uploads at once cannot pass the limit together.
 */
export async function insertPhoto(database: Database, p: NewPhoto, maxPerReport: number): Promise<boolean> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from reports where id = ${p.reportId} for update`);
    const [count] = await execRows<{ n: number }>(tx, sql`select count(*)::int as n from photos where report_id = ${p.reportId}`);
    if (Number(count!.n) >= maxPerReport) return false;
    await tx.execute(sql`insert into photos (id, report_id, storage_key, content_type, width, height, bytes, position, created_at)
      values (${p.id}, ${p.reportId}, ${p.storageKey}, ${p.contentType}, ${p.width}, ${p.height}, ${p.bytes}, ${Number(count!.n)}, ${tsParam(p.at)})`);
    await addEvent(tx, { reportId: p.reportId, kind: 'photo_added', public: true, actor: { type: p.actorType }, payload: { photoId: p.id }, at: p.at });
    return true;
  });
}

/** A photo the public may see: not hidden, on a report that is not hidden. */
export async function publicPhoto(database: Database, photoId: string): Promise<{ storageKey: string; contentType: string } | undefined> {
  const [row] = await database.rows<{ storage_key: string; content_type: string }>(sql`
    select p.storage_key, p.content_type from photos p join reports r on r.id = p.report_id
    where p.id = ${photoId} and not p.hidden and ${publicReport()}`);
  return row ? { storageKey: row.storage_key, contentType: row.content_type } : undefined;
}

/** Hides photos of one report from the public; returns the ids it hid, so unknown ones show. */
export async function hidePhotos(tx: Executor, reportId: number, photoIds: readonly string[]): Promise<string[]> {
  const rows = await execRows<{ id: string }>(tx, sql`update photos set hidden = true where report_id = ${reportId} and ${inList(sql`id`, photoIds)} returning id`);
  return rows.map((r) => r.id);
}
