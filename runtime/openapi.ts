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

export class OpenApiStandIns {
  readonly calls: OpenApiCall[] = [];
  private faults: FaultRule[] = [];

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
        return { errcode: 0, errmsg: 'ok', trace_id: `local-media-${this.calls.length}` };
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
