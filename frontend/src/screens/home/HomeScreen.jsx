// Home screen: is the system up, and which units (communes, departments, …) it knows.
import { HealthStatus } from './HealthStatus.jsx';
import { UnitBrowser } from './UnitBrowser.jsx';

export function HomeScreen() {
  return (
    <>
      <HealthStatus />
      <UnitBrowser />
    </>
  );
}
