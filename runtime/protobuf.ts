/** Just enough protobuf for the openapi wire: CommApiData in, CommOpenApiResp out. */
function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    if (byte === undefined) throw new Error('truncated varint');
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7;
  }
}

type Field = { no: number; varint?: number; bytes?: Buffer };

function readFields(buf: Buffer): Field[] {
  const fields: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = readVarint(buf, pos);
    const no = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) {
      const [value, p2] = readVarint(buf, p1);
      fields.push({ no, varint: value });
      pos = p2;
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, p1);
      fields.push({ no, bytes: buf.subarray(p2, p2 + len) });
      pos = p2 + len;
    } else {
      throw new Error(`unsupported wire type ${wire}`);
    }
  }
  return fields;
}

/** Decode CommApiData{apiType=1, openapiData=2{pairs=1{key=1,value=2}}, appid=6} into a params object. */
export function decodeOpenApiParams(buf: Buffer): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const f of readFields(buf)) {
    if (f.no !== 2 || !f.bytes) continue;
    for (const pair of readFields(f.bytes)) {
      if (pair.no !== 1 || !pair.bytes) continue;
      const kv = readFields(pair.bytes);
      const key = kv.find((x) => x.no === 1)?.bytes?.toString('utf8');
      const value = kv.find((x) => x.no === 2)?.bytes?.toString('utf8');
      if (key === undefined) continue;
      try {
        params[key] = value === undefined ? undefined : JSON.parse(value);
      } catch {
        params[key] = value;
      }
    }
  }
  return params;
}

function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v > 127) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}

function lengthDelimited(no: number, bytes: Buffer): Buffer {
  return Buffer.concat([varint(no * 8 + 2), varint(bytes.length), bytes]);
}

/** Encode CommOpenApiResp{respData=1, contentType=2, httpCode=4} carrying a JSON body. */
export function encodeOpenApiJsonResponse(body: unknown): Buffer {
  return Buffer.concat([
    lengthDelimited(1, Buffer.from(JSON.stringify(body), 'utf8')),
    lengthDelimited(2, Buffer.from('application/json', 'utf8')),
    varint(4 * 8),
    varint(200),
  ]);
}

/** Encode CommOpenApiResp carrying raw bytes (wxacode.getUnlimited answers an image). */
export function encodeOpenApiBinaryResponse(body: Buffer, contentType: string): Buffer {
  return Buffer.concat([lengthDelimited(1, body), lengthDelimited(2, Buffer.from(contentType, 'utf8')), varint(4 * 8), varint(200)]);
}
