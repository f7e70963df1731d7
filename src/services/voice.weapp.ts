// weapp: the WeChat 同声传译 plugin (WechatSI, declared in app.config when built with it).
import Taro from '@tarojs/taro';
import type { VoiceHandlers, VoiceSession } from './voice';

interface RecognitionManager {
  start: (o: { duration?: number; lang?: string }) => void;
  stop: () => void;
  onRecognize: (res: { result: string }) => void;
  onStop: (res: { result: string }) => void;
  onError: (res: { msg?: string; retcode?: number }) => void;
}

let manager: RecognitionManager | null | undefined;

function recognizer(): RecognitionManager | null {
  if (manager !== undefined) return manager;
  try {
    manager = ((Taro as any).requirePlugin?.('WechatSI') as { getRecordRecognitionManager: () => RecognitionManager }).getRecordRecognitionManager();
  } catch {
    manager = null; // built without the plugin, or not authorised for this mini-program
  }
  return manager;
}

export function voiceSupported(): boolean {
  return !!recognizer();
}

export function startVoice(h: VoiceHandlers): VoiceSession | null {
  const m = recognizer();
  if (!m) return null;
  m.onRecognize = (res) => h.onText(res.result ?? '', false);
  m.onStop = (res) => {
    if (res.result) h.onText(res.result, true);
    else h.onError('没有听清，请靠近手机再说一次');
    h.onEnd();
  };
  m.onError = (res) => {
    h.onError(res.retcode === -30003 ? '没有录音权限：请在右上角「…」→ 设置中允许使用麦克风' : '语音识别暂时不可用，请直接打字');
    h.onEnd();
  };
  m.start({ duration: 60000, lang: 'zh_CN' });
  return { stop: () => m.stop() };
}
