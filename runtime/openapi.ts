import { checkMsgSecCheck, checkSubscribeSend, type SubscribeTemplate } from './openapiChecks';
import { qrPng } from './png';

/**
 * Local stand-ins for the WeChat openapi calls 连心桥 makes. Every call is recorded (GET /api/dev/outbox).
 * Faults can be injected per api to test retry and fallback paths.
 */
export interface OpenApiCall {
  apiName: string;
  touser?: string;
  templateId?: string;
  data?: unknown;
  params: Record<string, unknown>;
  at: string;
  result: 'ok' | 'error';
  errcode?: number;
}

export type Fault = { kind: 'errcode'; errcode: number; errmsg?: string } | { kind: 'http'; status: number } | { kind: 'hang'; ms: number };

export interface FaultRule {
  apiName: string;
  fault: Fault;
  /** How many calls it still affects; undefined = until cleared. */
  remaining?: number;
}

export type OpenApiOutcome = { kind: 'json'; body: Record<string, unknown> } | { kind: 'binary'; body: Buffer; contentType: string } | { kind: 'http'; status: number } | { kind: 'hang'; ms: number };

// wxacode.getUnlimited: scene ≤ 32 visible characters of this set; page without a leading slash.
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@._~-]{1,32}$/;

/**
 * security.mediaCheckAsync answers later, as a wxa_media_check message push. Locally: after `delayMs` (auto),
 * or when a test says so (hold, then deliver). The verdict comes from the file's URL: the first rule whose
 * text it contains, else `test-risky` / `test-review` in the name, else pass.
 */
export interface MediaCheckSettings {
  mode: 'auto' | 'hold';
  delayMs: number;
  rules: { match: string; suggest: 'pass' | 'review' | 'risky' }[];
}

export interface MediaCheckPushEvent {
  ToUserName: string;
  FromUserName: string;
  CreateTime: number;
  MsgType: 'event';
  Event: 'wxa_media_check';
  appid: string;
  trace_id: string;
  version: 2;
  result: { suggest: string; label: number };
  detail: { strategy: string; errcode: number; suggest: string; label: number; prob: number }[];
  errcode: 0;
  errmsg: 'ok';
}

export class OpenApiStandIns {
  readonly calls: OpenApiCall[] = [];
  private faults: FaultRule[] = [];
  private media: MediaCheckSettings = { mode: 'auto', delayMs: 1500, rules: [] };
  private pendingPushes: MediaCheckPushEvent[] = [];
  /** Where a message push goes (the function configured for it); set by the runtime. */
  onPush: (event: MediaCheckPushEvent) => Promise<unknown> = async () => undefined;

  setMediaChecks(settings: Partial<MediaCheckSettings>): MediaCheckSettings {
    this.media = { ...this.media, ...settings, rules: settings.rules ?? this.media.rules };
    return this.media;
  }

  /** Deliver every held push now (in order); answers how many. */
  async deliverMediaChecks(): Promise<number> {
    const due = this.pendingPushes.splice(0);
    for (const e of due) await this.onPush(e);
    return due.length;
  }

  private mediaCheckAsync(params: Record<string, unknown>, record: OpenApiCall): Record<string, unknown> {
    const url = str(params.media_url ?? params.mediaUrl) ?? '';
    const type = Number(params.media_type ?? params.mediaType);
    const openid = str(params.openid) ?? '';
    const fail = (errcode: number, errmsg: string) => {
      record.result = 'error';
      record.errcode = errcode;
      return { errcode, errmsg };
    };
    if (!/^https?:\/\//.test(url)) return fail(40001, 'invalid media_url');
    if (type !== 1 && type !== 2) return fail(40001, 'invalid media_type');
    if (Number(params.version) === 2 && (!openid || ![1, 2, 3, 4].includes(Number(params.scene)))) return fail(40003, 'invalid openid or scene');
    const traceId = `local-media-${this.calls.length}-${Math.random().toString(16).slice(2, 10)}`;
    const name = decodeURIComponent(url);
    const suggest = this.media.rules.find((r) => name.includes(r.match))?.suggest ?? (name.includes('test-risky') ? 'risky' : name.includes('test-review') ? 'review' : 'pass');
    const label = suggest === 'pass' ? 100 : 20002;
    const push: MediaCheckPushEvent = {
      ToUserName: 'gh_local', FromUserName: openid, CreateTime: Math.floor(this.now() / 1000), MsgType: 'event', Event: 'wxa_media_check', appid: 'wx_local_app', trace_id: traceId, version: 2,
      result: { suggest, label }, detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }], errcode: 0, errmsg: 'ok',
    };
    this.pendingPushes.push(push);
    if (this.media.mode === 'auto') {
      const timer = setTimeout(() => {
        const i = this.pendingPushes.indexOf(push);
        if (i >= 0) void this.onPush(this.pendingPushes.splice(i, 1)[0]).catch(() => undefined);
      }, this.media.delayMs);
      timer.unref?.();
    }
    return { errcode: 0, errmsg: 'ok', trace_id: traceId };
  }

  /** templates: the subscribe templates WeChat knows for this app (config/wechat.json); requests are checked as WeChat does. */
  constructor(
    private readonly now: () => number,
    private readonly templates: SubscribeTemplate[] = [],
  ) {}

  setFaults(rules: FaultRule[]): void {
    this.faults = rules.map((r) => ({ ...r }));
  }

  private takeFault(apiName: string): Fault | undefined {
    const rule = this.faults.find((r) => r.apiName === apiName && (r.remaining === undefined || r.remaining > 0));
    if (!rule) return undefined;
    if (rule.remaining !== undefined) rule.remaining -= 1;
    return rule.fault;
  }

  handle(apiName: string, params: Record<string, unknown>): OpenApiOutcome {
    const record: OpenApiCall = { apiName, params, at: new Date(this.now()).toISOString(), result: 'ok' };
    if (apiName === 'subscribeMessage.send') {
      record.touser = str(params.touser);
      record.templateId = str(params.template_id ?? params.templateId);
      record.data = params.data;
    }
    this.calls.push(record);
    const fault = this.takeFault(apiName);
    if (fault) {
      record.result = 'error';
      if (fault.kind === 'errcode') {
        record.errcode = fault.errcode;
        return { kind: 'json', body: { errcode: fault.errcode, errmsg: fault.errmsg ?? `injected fault ${fault.errcode}` } };
      }
      return fault.kind === 'http' ? { kind: 'http', status: fault.status } : { kind: 'hang', ms: fault.ms };
    }
    const refused = apiName === 'subscribeMessage.send' ? checkSubscribeSend(params, this.templates) : apiName === 'security.msgSecCheck' ? checkMsgSecCheck(params) : undefined;
    if (refused) {
      record.result = 'error';
      record.errcode = refused.errcode;
      return { kind: 'json', body: refused };
    }
    if (apiName === 'wxacode.getUnlimited') return this.wxacode(params, record);
    return { kind: 'json', body: this.answer(apiName, params, record) };
  }

  /** 小程序码 stand-in: checks scene and page as WeChat does and answers a PNG (a plain QR code of page?scene). */
  private wxacode(params: Record<string, unknown>, record: OpenApiCall): OpenApiOutcome {
    const scene = str(params.scene) ?? '';
    const page = str(params.page) ?? '';
    record.data = { scene, page, check_path: params.check_path, env_version: params.env_version };
    const refuse = (errcode: number, errmsg: string): OpenApiOutcome => {
      record.result = 'error';
      record.errcode = errcode;
      return { kind: 'json', body: { errcode, errmsg } };
    };
    if (!SCENE.test(scene)) return refuse(40129, 'invalid scene');
    if (page.startsWith('/') || !/^[A-Za-z0-9_/-]*$/.test(page)) return refuse(41030, 'invalid page');
    return { kind: 'binary', contentType: 'image/png', body: qrPng(`${page || 'pages/index/index'}?scene=${encodeURIComponent(scene)}`) };
  }

  private answer(apiName: string, params: Record<string, unknown>, record: OpenApiCall): Record<string, unknown> {
    switch (apiName) {
      case 'security.msgSecCheck': {
        const content = str(params.content) ?? '';
        const suggest = content.includes('【测试违规】') ? 'risky' : content.includes('【测试复核】') ? 'review' : 'pass';
        const label = suggest === 'pass' ? 100 : 20001;
        return { errcode: 0, errmsg: 'ok', result: { suggest, label }, detail: [{ strategy: 'content_model', errcode: 0, suggest, label }], trace_id: `local-${this.calls.length}` };
      }
      case 'security.mediaCheckAsync':
        return this.mediaCheckAsync(params, record);
      case 'subscribeMessage.send':
        return { errcode: 0, errmsg: 'ok' };
      case 'phonenumber.getPhoneNumber': {
        // Deterministic: code "phone:13800138000" yields that number, any other code a fixed test number.
        const code = str(params.code) ?? '';
        const phone = /^phone:(1\d{10})$/.exec(code)?.[1] ?? '13800138000';
        return { errcode: 0, errmsg: 'ok', phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86', watermark: { timestamp: Math.floor(this.now() / 1000), appid: 'local' } } };
      }
      default:
        record.result = 'error';
        record.errcode = 40001;
        return { errcode: 40001, errmsg: `openapi ${apiName} is not emulated locally` };
    }
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
