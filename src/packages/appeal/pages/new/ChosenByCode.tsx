import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { DeputyPublic, Station } from '../../../../../contracts/directory';
import { parseScene } from '../../../../../domain/presence/codes';
import { usePageParam } from '../../../../hooks/usePageParam';
import { callCloud } from '../../../../services/cloud';

export interface Preference {
  deputyId?: string;
  stationId?: string;
}

/** 码上见代表: the deputy or station a scanned code (or a station page's link) chose; null when none. */
export function usePreference(): [Preference | null, () => void] {
  const scene = usePageParam('scene');
  const deputyId = usePageParam('deputyId');
  const stationId = usePageParam('stationId');
  const [pref, setPref] = useState<Preference | null>(() => {
    const s = parseScene(scene);
    if (s?.kind === 'deputy') return { deputyId: s.id };
    if (s?.kind === 'station') return { stationId: s.id };
    if (deputyId) return { deputyId };
    if (stationId) return { stationId };
    return null;
  });
  return [pref, () => setPref(null)];
}

/** Who the resident chose, by name, with a way to leave the choice to routing. */
export function ChosenByCode({ pref, onClear }: { pref: Preference; onClear: () => void }) {
  const [name, setName] = useState('');
  useEffect(() => {
    let live = true;
    if (pref.deputyId) {
      void callCloud<DeputyPublic[]>('directory', { action: 'deputies' }, { retries: 1 }).then((r) => live && r.ok && setName(`${r.data.find((d) => d._id === pref.deputyId)?.name ?? ''}代表`));
    } else if (pref.stationId) {
      void callCloud<Station[]>('directory', { action: 'stations' }, { retries: 1 }).then((r) => live && r.ok && setName(r.data.find((s) => s._id === pref.stationId)?.name ?? ''));
    }
    return () => {
      live = false;
    };
  }, [pref.deputyId, pref.stationId]);
  return (
    <View className="lxq-appeal-new__chosen" data-testid="chosen-by-code">
      <Text>已选择：{name || '扫码选择的代表'}。诉求会优先转给{pref.deputyId ? '这位代表' : '这个站点的代表'}（需负责您所在的社区）。</Text>
      <Text className="lxq-appeal-new__link" onClick={onClear} data-testid="clear-choice">
        不指定
      </Text>
    </View>
  );
}
