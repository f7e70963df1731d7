// Voice input for the appeal text, where the platform offers speech recognition. Builds pick voice.weapp.ts
// (WeChat 同声传译 plugin) or voice.h5.ts (Web Speech API); elsewhere there is none and no button is shown.

export interface VoiceHandlers {
  /** Recognised text so far (final: the whole utterance, once it ended). */
  onText: (text: string, final: boolean) => void;
  onEnd: () => void;
  /** Chinese message: no permission, nothing heard, the service failed. */
  onError: (message: string) => void;
}

export interface VoiceSession {
  stop: () => void;
}

export function voiceSupported(): boolean {
  return false;
}

export function startVoice(_handlers: VoiceHandlers): VoiceSession | null {
  return null;
}
