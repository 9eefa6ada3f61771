import { EmptyState, Screen } from '../../components/Screen';

/** Screens whose features land in later issues still open on a clear, honest empty state. */
export function ComingScreen({ name, title, heading, children }: { name: string; title: string; heading: string; children: string }) {
  return (
    <Screen name={name} title={title}>
      <EmptyState title={heading}>
        <p>{children}</p>
      </EmptyState>
    </Screen>
  );
}

export const ReportsScreen = () => (
  <ComingScreen name="reports" title="Reports" heading="No reports yet">
    Year-end reports (April to March) with anonymised, small-count-suppressed figures will be produced here.
  </ComingScreen>
);
