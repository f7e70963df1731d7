import { useEffect, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import type { LiaisonPoints } from '../../../../contracts/legislation';
import { callCloud } from '../../../services/cloud';
import { FN } from '../labels';

let cached: LiaisonPoints | null = null;

/** The 1+17+N points (loaded once per session). */
export function usePoints(): LiaisonPoints | null {
  const [points, setPoints] = useState<LiaisonPoints | null>(cached);
  useEffect(() => {
    if (cached) return undefined;
    let alive = true;
    Promise.resolve(callCloud<LiaisonPoints>(FN, { action: 'points' }, { retries: 1 }))
      .then((env) => {
        if (env?.ok) cached = env.data;
        if (alive && env?.ok) setPoints(env.data);
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);
  return points;
}

/** Choose the 立法联系点 an opinion comes through: the home, a station or contact point, or a unit ("1+17+N"). */
export function PointPicker({ value, onChange, optional, disabled }: { value: string; onChange: (pointId: string) => void; optional: boolean; disabled?: boolean }) {
  const points = usePoints();
  if (!points) return null;
  const list = points.points;
  const names = [...(optional ? ['不指定（线上提交）'] : []), ...list.map((p) => `${p.group} · ${p.name}`)];
  const index = list.findIndex((p) => p._id === value);
  const shown = index >= 0 ? names[index + (optional ? 1 : 0)] : optional ? names[0] : '请选择联系点';
  return (
    <View className="lxq-legislation__row" data-testid="point-picker">
      <Text className="lxq-legislation__label">{`立法联系点（${points.formula}）`}</Text>
      <Picker mode="selector" range={names} value={Math.max(0, index + (optional ? 1 : 0))} disabled={disabled} onChange={(e) => {
        const i = Number(e.detail.value) - (optional ? 1 : 0);
        onChange(i >= 0 ? (list[i]?._id ?? '') : '');
      }}>
        <Text className="lxq-legislation__link">{`${shown} ›`}</Text>
      </Picker>
    </View>
  );
}
