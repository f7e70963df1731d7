import { useMemo, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { DeputyPublic } from '../../../../contracts/directory';
import { AsyncView } from '../../../components/AsyncView';
import { useCloud } from '../../../hooks/useCloud';
import { useDirectory } from '../../../hooks/useDirectory';
import type { Station } from '../../../services/types';
import { Dialog } from '../../../components/staff/Dialog';

interface Props {
  title: string;
  /** Deputies who cover this community are listed first. */
  communityId?: string;
  /** Current assignee's name (not offered again). */
  current?: string | null;
  busy?: boolean;
  error?: string | null;
  onPick: (deputy: DeputyPublic) => void;
  onCancel: () => void;
}

const DEPUTIES = { action: 'deputies' as const };
const STATIONS = { action: 'stations' as const };

/** Choose a deputy from directory.deputies; the choice is confirmed by the dialog's button. */
export function DeputyPicker({ title, communityId, current, busy = false, error, onPick, onCancel }: Props) {
  const list = useCloud<DeputyPublic[]>('directory', DEPUTIES);
  const stations = useCloud<Station[]>('directory', STATIONS);
  const dir = useDirectory();
  const stationName = (id: string) => stations.data?.find((s) => s._id === id)?.name ?? '';
  /** 青石代表活动站 · 擅长住房物业、基础设施 · 负责该社区: who the deputy is, never their id. */
  const about = (d: DeputyPublic, covers: boolean) =>
    [
      stationName(d.stationId),
      d.specialties.length ? `擅长${d.specialties.map((c) => dir.categoryName(c) || '其他').join('、')}` : '',
      covers ? '负责该社区' : '',
      d.name === current ? '当前办理人' : '',
    ]
      .filter(Boolean)
      .join(' · ');
  const verb = title.startsWith('改派') ? '改派' : '分派';
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<DeputyPublic | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  const sorted = useMemo(() => {
    if (!list.data) return undefined;
    const q = query.trim();
    const covers = (d: DeputyPublic) => !!communityId && d.communityIds.includes(communityId);
    return list.data
      .filter((d) => !q || d.name.includes(q) || d.specialties.some((s) => s.includes(q) || dir.categoryName(s).includes(q)))
      .sort((a, b) => Number(covers(b)) - Number(covers(a)) || a._id.localeCompare(b._id))
      .map((d) => ({ d, covers: covers(d) }));
  }, [list.data, query, communityId, dir]);

  return (
    <Dialog
      title={title}
      description={chosen ? `将${verb}给 ${chosen.name} 代表，代表会收到通知。` : '请选择一位代表。负责该社区的代表排在前面。'}
      confirmText={`确认${verb}`}
      busy={busy}
      onConfirm={() => (chosen ? onPick(chosen) : setLocal('请先选择一位代表'))}
      onCancel={onCancel}
      testId="deputy-dialog"
    >
      <Input className="lxq-input" value={query} placeholder="按姓名或擅长领域查找" onInput={(e) => setQuery(e.detail.value)} />
      <AsyncView data={sorted} error={list.error} loading={list.loading} onRetry={list.reload}>
        {(rows) => (
          <View className="lxq-staff__gap">
            {rows.map(({ d, covers }) => (
              <View
                key={d._id}
                className={chosen?._id === d._id ? 'lxq-option lxq-option--on' : 'lxq-option'}
                onClick={() => {
                  if (busy || d.name === current) return;
                  setChosen(d);
                  setLocal(null);
                }}
                data-testid="deputy-option"
              >
                <View>
                  <Text className="lxq-option__name">{d.name}</Text>
                  <Text className="lxq-option__subtitle">{about(d, covers)}</Text>
                </View>
                {chosen?._id === d._id ? <Text className="lxq-badge lxq-badge--red">已选</Text> : null}
              </View>
            ))}
          </View>
        )}
      </AsyncView>
      {local || error ? <Text className="lxq-staff__error">{local || error}</Text> : null}
    </Dialog>
  );
}
