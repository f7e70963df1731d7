import type { MessageDef } from '../../_platform/handler';
import { onMediaCheck, type MediaCheckPush } from './media';

/** wxa_media_check: WeChat's asynchronous answer for an image sent to security.mediaCheckAsync. */
export const mediaCheckPush: MessageDef = async (message, { db, now }) => onMediaCheck(db, message as unknown as MediaCheckPush, now());
