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

export const LedgerScreen = () => (
  <ComingScreen name="ledger" title="Ledger" heading="No completed moves yet">
    Each completed move adds a line here: the home landlord owes the scheme a property and the receiving landlord is owed one.
  </ComingScreen>
);
