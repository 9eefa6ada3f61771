import type { ReactNode } from 'react';

/** The frame around the setup and unlock screens: no navigation, nothing from the database. */
export function AuthLayout({ name, title, ready = true, children }: { name: string; title: string; ready?: boolean; children: ReactNode }) {
  return (
    <main className="auth" data-screen={name} data-ready={ready ? 'true' : 'false'}>
      <div className="auth__card">
        <p className="auth__brand">
          <span className="auth__logo" aria-hidden="true">
            R
          </span>
          Reciprocal <span className="auth__tag">Pan London Housing Reciprocal</span>
        </p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
