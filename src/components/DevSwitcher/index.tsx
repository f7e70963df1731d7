// Weapp (and default): no dev identity switching; the h5 build uses index.h5.tsx.
export interface DevSwitcherProps {
  variant?: 'chip' | 'panel';
}

export function DevSwitcher(_props: DevSwitcherProps) {
  return null;
}
