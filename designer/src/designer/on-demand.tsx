import { Alert, Spin } from 'antd';
import { useEffect, useState, type ComponentType, type JSX } from 'react';

export interface OnDemand<P extends object> {
  (props: P): JSX.Element;
  /** Starts loading now (e.g. while the session is checked). */
  preload: () => Promise<unknown>;
}

/**
 * A component whose code loads on first use, like React.lazy but without Suspense: React 19 holds a
 * resolved Suspense boundary back for up to 300 ms, which is a fifth of the time the designer has to
 * open a diagram. Once loaded, it renders at once.
 */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>): OnDemand<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (pending ??= load().then((component) => {
      loaded = component;
      return component;
    }));

  function OnDemandComponent(props: P) {
    const [component, setComponent] = useState<{ value?: ComponentType<P>; error?: Error }>({ value: loaded });
    useEffect(() => {
      if (component.value !== undefined) return;
      let current = true;
      preload().then(
        (value) => {
          if (current) setComponent({ value });
        },
        (error: unknown) => {
          if (current) setComponent({ error: error as Error });
        },
      );
      return () => {
        current = false;
      };
    }, [component.value]);
    if (component.error !== undefined) return <Alert type="error" showIcon title={component.error.message} />;
    const Component = component.value;
    return Component === undefined ? <Spin style={{ display: 'block', margin: 48 }} /> : <Component {...props} />;
  }
  return Object.assign(OnDemandComponent, { preload });
}
