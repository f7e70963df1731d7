import { handleOpenData, isHttpEvent, type HttpAnswer } from '../_capabilities/opendata/open311';
import { database } from '../_platform/cloud';

/** 开放数据: Open311 GeoReport v2 and CSV over HTTP (HTTP 访问服务). Public data only; no client actions. */
export const actions = {};

export async function main(event: unknown): Promise<HttpAnswer> {
  if (!isHttpEvent(event)) return { statusCode: 400, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify([{ code: 400, description: '请通过 HTTP 访问开放数据' }]), isBase64Encoded: false };
  try {
    return await handleOpenData(database(), event);
  } catch (err) {
    console.error('[opendata] internal error', err);
    return { statusCode: 500, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify([{ code: 500, description: '服务暂时不可用，请稍后再试' }]), isBase64Encoded: false };
  }
}
