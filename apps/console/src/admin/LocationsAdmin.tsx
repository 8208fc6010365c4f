/** Locations listed and edited, paused and resumed. */
export const LocationsAdmin = () => <h1>Locations</h1>;
