import { useEffect, useRef, type ReactNode } from 'react';
import { setScreenTitle } from '../services/title';

interface ScreenProps {
  /** Stable name for tests and styling: `data-screen`. */
  name: string;
  title: string;
  /** False while data loads; e2e tests wait for `data-ready="true"`, never a sleep. */
  ready?: boolean;
  actions?: ReactNode;
  children: ReactNode;
}

export function Screen({ name, title, ready = true, actions, children }: ScreenProps) {
  const sectionRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    setScreenTitle(`${title} · Reciprocal`);
  }, [title]);
  // A new screen: focus starts at its heading, so a screen reader announces where the coordinator has arrived and the
  // next Tab goes into the screen (after a save, say, the button pressed is gone). Not if focus is already inside it.
  useEffect(() => {
    if (!sectionRef.current?.contains(document.activeElement)) headingRef.current?.focus({ preventScroll: true });
  }, []);
  return (
    <section ref={sectionRef} className="screen" data-screen={name} data-ready={ready ? 'true' : 'false'} aria-busy={!ready}>
      <header className="screen__header">
        <h1 ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className="screen__actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      <div>{children}</div>
    </div>
  );
}
