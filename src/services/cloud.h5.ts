import { createCallCloud, fromHttpResponse } from './gateway';
import { resolveDevOpenid } from './identity';

// Local dev backend: POST /api/cloud/<name>, body = the event, caller in X-WX-OPENID.
export const callCloud = createCallCloud(async (name, event) => {
  const openid = await resolveDevOpenid();
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (openid) headers['X-WX-OPENID'] = openid;
  const res = await fetch(`/api/cloud/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(event),
  });
  return fromHttpResponse(res.status, await res.text());
});

export function initCloud(): void {}
