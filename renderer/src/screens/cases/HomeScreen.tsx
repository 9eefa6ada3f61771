import { useEffect } from 'react';
import { Link } from 'react-router';
import { CASE_STATE_LABELS } from '../../../../contract/cases';
import type { DueItem } from '../../../../contract/case-views';
import { formatUkDate, formatUkDateTime } from '../../../../contract/dates';
import { FormAlert } from '../../components/Field';
import { Screen } from '../../components/Screen';
import { Table } from '../../components/Table';
import { useCases } from '../../stores/cases-store';
import { DueBadge, plural, StateBadge } from './labels';
import { BackupNotice } from '../backups/BackupStatusLine';
import './cases.css';
import { StaleOffersPanel } from '../offers/StaleOffersPanel';
import { AtCapPanel } from '../ledger/CapNotices';

function DueTable({ caption, items, total, empty, moreLink }: { caption: string; items: DueItem[]; total: number; empty: string; moreLink?: string }) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <>
      <Table
        caption={caption}
        rows={items}
        rowKey={(item) => item.caseId}
        columns={[
          {
            header: 'Case',
            cell: (item) => (
              <Link to={`/cases/${item.caseId}`} className="mono-link">
                {item.reference}
              </Link>
            ),
          },
          {
            header: 'What is due',
            cell: (item) => (
              <>
                {item.deadline.label}
                {item.deadline.rule && <span className="case-deadlines__rule">{item.deadline.rule}</span>}
              </>
            ),
          },
          {
            header: 'Due',
            cell: (item) => (
              <>
                <DueBadge deadline={item.deadline} /> <span className="muted">{formatUkDate(item.deadline.dueOn)}</span>
              </>
            ),
          },
          { header: 'State', cell: (item) => <StateBadge state={item.state} /> },
          { header: 'Case age', cell: (item) => plural(item.caseAgeDays, 'day') },
        ]}
      />
      {total > items.length && moreLink && (
        <p className="table-foot">
          Showing the {items.length} most urgent of {total.toLocaleString('en-GB')}. <Link to={moreLink}>See them all in the case list</Link>
        </p>
      )}
    </>
  );
}

/** Home: "what needs me today". */
export function HomeScreen() {
  const { dashboard, dashboardError, loadDashboard } = useCases();

  useEffect(() => {
    void loadDashboard();
  }, [loadDashboard]);

  return (
    <Screen
      name="home"
      title="Home"
      ready={dashboard !== null || dashboardError !== null}
      actions={
        <>
          <Link className="button button--primary" to="/cases/new">
            New referral
          </Link>
          <Link className="button" to="/enquiries/new">
            Record an enquiry
          </Link>
        </>
      }
    >
      <FormAlert message={dashboardError} />
      <BackupNotice />
      {dashboard && (
        <div className="home-grid">
          <StaleOffersPanel />
          <AtCapPanel />
          <section className="panel home-grid__wide" aria-labelledby="overdue-heading">
            <h2 id="overdue-heading">
              Overdue{' '}
              <span className={`home-count${dashboard.overdueTotal > 0 ? ' home-count--danger' : ''}`}>{dashboard.overdueTotal.toLocaleString('en-GB')}</span>
            </h2>
            <DueTable
              caption="Overdue cases"
              items={dashboard.overdue}
              total={dashboard.overdueTotal}
              empty="Nothing is overdue."
              moreLink="/cases?overdue=1"
            />
          </section>
          <section className="panel home-grid__wide" aria-labelledby="soon-heading">
            <h2 id="soon-heading">
              Due soon <span className="home-count">{dashboard.dueSoonTotal.toLocaleString('en-GB')}</span>
            </h2>
            <DueTable caption="Cases due soon" items={dashboard.dueSoon} total={dashboard.dueSoonTotal} empty="Nothing is due in the next few days." />
          </section>
          <section className="panel" aria-labelledby="states-heading">
            <h2 id="states-heading">Cases by state</h2>
            {dashboard.byState.length === 0 ? (
              <p className="muted">
                No cases yet. <Link to="/cases/new">Record the first referral</Link>.
              </p>
            ) : (
              <Table
                caption="Number of cases in each state"
                rows={dashboard.byState}
                rowKey={(s) => s.state}
                columns={[
                  { header: 'State', cell: (s) => <Link to={`/cases?state=${s.state}`}>{CASE_STATE_LABELS[s.state]}</Link> },
                  { header: 'Cases', className: 'num', cell: (s) => s.count.toLocaleString('en-GB') },
                ]}
              />
            )}
            <p className="table-foot">{plural(dashboard.openTotal, 'open case')} in all.</p>
          </section>
          <section className="panel" aria-labelledby="recent-heading">
            <h2 id="recent-heading">Recent activity</h2>
            {dashboard.recent.length === 0 ? (
              <p className="muted">Nothing has happened yet.</p>
            ) : (
              <ol className="divided-list">
                {dashboard.recent.map((a) => (
                  <li key={a.id}>
                    <Link to={`/cases/${a.caseId}`} className="mono-link">
                      {a.reference}
                    </Link>{' '}
                    {a.summary}
                    <div className="muted small">
                      {formatUkDateTime(a.at)} · {a.actor}
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      )}
    </Screen>
  );
}
