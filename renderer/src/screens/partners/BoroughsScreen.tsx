import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { BOROUGHS_ALPHABETICAL } from '../../../../contract/boroughs';
import type { BoroughCode } from '../../../../contract/boroughs';
import { BoroughMap } from '../../components/boroughs/BoroughMap';
import { FormAlert } from '../../components/Field';
import { Screen } from '../../components/Screen';
import { usePartners } from '../../stores/partners-store';
import './partners.css';

const partnersIn = (code: BoroughCode) => `/partners?borough=${code}&status=active`;

/** Coverage: how many active partners hold stock in each borough, shaded on the map, with a way through to them. */
export function BoroughsScreen() {
  const { coverage, coverageError, loadCoverage } = usePartners();
  const navigate = useNavigate();
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    void loadCoverage().then(() => setLoaded(true));
  }, [loadCoverage]);

  const counts: Partial<Record<BoroughCode, number>> = {};
  for (const c of coverage ?? []) counts[c.code] = c.activePartners;
  const uncovered = BOROUGHS_ALPHABETICAL.filter((b) => (counts[b.code] ?? 0) === 0).length;

  return (
    <Screen name="boroughs" title="Boroughs" ready={loaded}>
      <FormAlert message={coverageError} />
      <p>
        How many active partners hold stock in each of London's 33 boroughs. A circulation reaches every active partner with stock in a requested borough.
        {loaded && uncovered > 0 && ` ${uncovered} borough${uncovered === 1 ? ' has' : 's have'} no active partner with stock.`}
      </p>
      <section className="panel" aria-labelledby="map-heading">
        <h2 id="map-heading">Coverage map</h2>
        <BoroughMap mode="coverage" label="Coverage map of London's boroughs" counts={counts} onOpen={(code) => void navigate(partnersIn(code))} />
        <ul className="map-legend" aria-label="Key to the shading">
          <li>
            <span className="map-legend__swatch map-legend__swatch--band0" aria-hidden="true" /> None
          </li>
          <li>
            <span className="map-legend__swatch map-legend__swatch--band1" aria-hidden="true" /> 1
          </li>
          <li>
            <span className="map-legend__swatch map-legend__swatch--band2" aria-hidden="true" /> 2
          </li>
          <li>
            <span className="map-legend__swatch map-legend__swatch--band3" aria-hidden="true" /> 3 or 4
          </li>
          <li>
            <span className="map-legend__swatch map-legend__swatch--band4" aria-hidden="true" /> 5 or more active partners
          </li>
        </ul>
      </section>
      <section className="panel" aria-labelledby="coverage-list-heading">
        <h2 id="coverage-list-heading">Boroughs A to Z</h2>
        <ul className="coverage-list" data-testid="coverage-list">
          {BOROUGHS_ALPHABETICAL.map((b) => {
            const n = counts[b.code] ?? 0;
            return (
              <li key={b.code} data-borough-row={b.code}>
                <span>{b.name}</span>
                {n === 0 ? (
                  <span className="muted">None</span>
                ) : (
                  <Link className="coverage-list__count" to={partnersIn(b.code)} aria-label={`${b.name}: ${n} active partner${n === 1 ? '' : 's'}`}>
                    {n}
                  </Link>
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </Screen>
  );
}
