import { NavLink } from 'react-router';

const ITEMS = [
  { to: '/', label: 'Home', end: true },
  { to: '/cases', label: 'Cases' },
  { to: '/partners', label: 'Partners' },
  { to: '/boroughs', label: 'Boroughs' },
  { to: '/properties', label: 'Properties' },
  { to: '/offers', label: 'Offers' },
  { to: '/ledger', label: 'Ledger' },
  { to: '/reports', label: 'Reports' },
  { to: '/audit', label: 'Audit log' },
  { to: '/settings', label: 'Settings' },
] as const;

export function Nav() {
  return (
    <nav aria-label="Main">
      <ul className="nav">
        {ITEMS.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={'end' in item ? item.end : false} className={({ isActive }) => `nav__link${isActive ? ' nav__link--active' : ''}`}>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
