/** Messages to the author of a held entry (apart from the writer: only the staff function sends them, with its outbox). */
import type { Db } from '../../_platform/db';
import { enqueueNotice } from '../../_platform/outbox';
import type { HeldDoc } from './writer';

/** A message to the author of a held entry (refused, or failed to apply). */
export async function tellAuthor(db: Db, entry: HeldDoc, title: string, body: string, at: Date): Promise<string> {
  return enqueueNotice(db, { toOpenid: entry.authorOpenid, template: 'appealStatus', values: { trackingNo: entry.label.slice(0, 20).replace(/[^\x21-\x7e]/g, '') || entry._id.slice(0, 12), status: '未通过', summary: title, time: at }, title, body, dedupeKey: `held-${entry._id}-told` }, at);
}

