import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Btn } from '../../../../components/Btn';
import { startVoice, voiceSupported, type VoiceSession } from '../../../../services/voice';

/** What was said, after what was typed (a space between, unless one ends in punctuation). */
export function joinSpoken(typed: string, spoken: string): string {
  if (!typed.trim()) return spoken;
  return /[\s，。！？、,.!?]$/.test(typed) ? typed + spoken : `${typed}，${spoken}`;
}

interface Props {
  value: string;
  disabled: boolean;
  onChange: (text: string) => void;
}

/**
 * 说话输入: tap to start, tap to stop (easier than press-and-hold for older hands). The words appear in the
 * text box as they are recognised and can be corrected there. Shown only where the platform can listen.
 */
export function VoiceInput({ value, disabled, onChange }: Props) {
  const [supported] = useState(voiceSupported);
  const [listening, setListening] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const session = useRef<VoiceSession | null>(null);
  const base = useRef('');
  useEffect(() => () => session.current?.stop(), []);
  if (!supported) return null;

  const toggle = () => {
    if (listening) {
      session.current?.stop();
      return;
    }
    setError(null);
    base.current = value;
    const s = startVoice({
      onText: (text) => text && onChange(joinSpoken(base.current, text)),
      onEnd: () => {
        session.current = null;
        setListening(false);
      },
      onError: setError,
    });
    if (!s) return setError('语音识别暂时不可用，请直接打字');
    session.current = s;
    setListening(true);
  };

  return (
    <View className="lxq-voice" data-testid="voice">
      <Btn tone={listening ? 'primary' : 'ghost'} size="small" disabled={disabled} onClick={toggle} testId="voice-toggle">
        {listening ? '正在听，说完点这里' : '说话输入'}
      </Btn>
      <Text className="lxq-voice__hint">{error ?? (listening ? '请说出问题在哪里、是什么、多久了' : '不方便打字？点「说话输入」，说完再点一下')}</Text>
    </View>
  );
}
