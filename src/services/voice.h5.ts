// h5: the Web Speech API where the browser has it (Chrome, Edge, Safari); otherwise no voice button.
import type { VoiceHandlers, VoiceSession } from './voice';

type Recognition = {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  onresult: ((e: { results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal: boolean }> }) => void) | null;
  onerror: ((e: { error: string }) => void) | null;
  onend: (() => void) | null;
  start: () => void;
  stop: () => void;
};

function ctor(): (new () => Recognition) | null {
  if (typeof window === 'undefined') return null;
  const w = window as unknown as { SpeechRecognition?: new () => Recognition; webkitSpeechRecognition?: new () => Recognition };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

export function voiceSupported(): boolean {
  return !!ctor();
}

export function startVoice(h: VoiceHandlers): VoiceSession | null {
  const Ctor = ctor();
  if (!Ctor) return null;
  let rec: Recognition;
  try {
    rec = new Ctor();
  } catch {
    return null;
  }
  rec.lang = 'zh-CN';
  rec.interimResults = true;
  rec.continuous = false;
  let text = '';
  rec.onresult = (e) => {
    text = Array.from(e.results, (r) => r[0]?.transcript ?? '').join('');
    const last = e.results[e.results.length - 1];
    h.onText(text, !!last?.isFinal);
  };
  rec.onerror = (e) => h.onError(e.error === 'not-allowed' ? '没有麦克风权限，请在浏览器设置中允许' : e.error === 'no-speech' ? '没有听清，请再说一次' : '语音识别暂时不可用，请直接打字');
  rec.onend = () => h.onEnd();
  try {
    rec.start();
  } catch {
    return null;
  }
  return { stop: () => rec.stop() };
}
