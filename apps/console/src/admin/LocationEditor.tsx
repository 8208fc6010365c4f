import { WEEKDAYS } from '@oms/contracts';
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, Problem, type FieldProblem, type LocationView } from '../api/client';
import { Outcome } from '../outcome';
import { Dialog } from '../store/Dialog';
import { useAction } from '../use-action';
import { bodyOf, formOf, problemsAt, type LocationForm } from './location-form';

/** One field with its label and, after a 422, what the API says is wrong with it. */
const Field = ({ label, problems, children }: { label: string; problems: string[]; children: ReactNode }) => (
  <label className="row">
    <span>{label}</span>
    {children}
    {problems.length > 0 && (
      <span role="alert" className="problem">
        {label}: {problems.join('; ')}
      </span>
    )}
  </label>
);

/** Edits every field of a location; PUT replaces it, so the form sends them all. */
export const LocationEditor = ({ location, onSaved, onClose }: { location: LocationView; onSaved: (saved: LocationView) => void; onClose: () => void }) => {
  const [form, setForm] = useState<LocationForm>(() => formOf(location));
  const [errors, setErrors] = useState<readonly FieldProblem[]>([]);
  const action = useAction();
  const set = <K extends keyof LocationForm>(key: K, value: LocationForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const text = (key: 'name' | 'lat' | 'lon' | 'capacityPerDay' | 'pickupHoldHours' | 'timezone' | 'pickupLeadMinutes' | 'dispatchCutoff' | 'rapidRadiusKm' | 'rapidMinutes') => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors([]);
    const saved = await action.run(async () => {
      try {
        return await api.putLocation(location.locationId, bodyOf(form));
      } catch (failure) {
        if (failure instanceof Problem) setErrors(failure.errors);
        throw failure;
      }
    });
    if (saved) onSaved(saved);
  };
  return (
    <Dialog title={`Edit ${location.locationId}`} onSubmit={submit} onClose={onClose}>
      <Field label="Name" problems={problemsAt(errors, 'name')}>
        <input {...text('name')} maxLength={200} />
      </Field>
      <Field label="Type" problems={problemsAt(errors, 'type')}>
        <select value={form.type} onChange={(e) => set('type', e.target.value)}>
          <option value="store">store</option>
          <option value="warehouse">warehouse</option>
        </select>
      </Field>
      <Field label="Latitude" problems={problemsAt(errors, 'geo.lat')}>
        <input {...text('lat')} inputMode="decimal" />
      </Field>
      <Field label="Longitude" problems={problemsAt(errors, 'geo.lon')}>
        <input {...text('lon')} inputMode="decimal" />
      </Field>
      <fieldset>
        <legend>Capabilities</legend>
        {(['pickup', 'shipFromStore', 'ship'] as const).map((key) => (
          <label key={key} className="row">
            <span>{{ pickup: 'Pickup', shipFromStore: 'Ship from store', ship: 'Ship (warehouse)' }[key]}</span>
            <input type="checkbox" checked={form[key]} onChange={(e) => set(key, e.target.checked)} />
          </label>
        ))}
        <Outcome error={problemsAt(errors, 'capabilities').join('; ') || null} />
      </fieldset>
      <Field label="Capacity per day" problems={problemsAt(errors, 'capacityPerDay')}>
        <input {...text('capacityPerDay')} inputMode="numeric" />
      </Field>
      <Field label="Pickup hold hours" problems={problemsAt(errors, 'pickupHoldHours')}>
        <input {...text('pickupHoldHours')} inputMode="decimal" />
      </Field>
      <Field label="Time zone" problems={problemsAt(errors, 'timezone')}>
        <input {...text('timezone')} placeholder="UTC" />
      </Field>
      <Field label="Pickup lead minutes" problems={problemsAt(errors, 'pickupLeadMinutes')}>
        <input {...text('pickupLeadMinutes')} inputMode="numeric" placeholder="120" />
      </Field>
      <Field label="Dispatch cut-off" problems={problemsAt(errors, 'dispatchCutoff')}>
        <input {...text('dispatchCutoff')} placeholder="HH:MM" />
      </Field>
      <Field label="Rapid delivery radius (km)" problems={problemsAt(errors, 'rapidDelivery.radiusKm')}>
        <input {...text('rapidRadiusKm')} inputMode="decimal" />
      </Field>
      <Field label="Rapid delivery minutes" problems={problemsAt(errors, 'rapidDelivery.minutes')}>
        <input {...text('rapidMinutes')} inputMode="numeric" />
      </Field>
      <fieldset>
        <legend>Opening hours</legend>
        <p className="hint">Local times, e.g. 09:00-12:30, 14:00-19:00. Every day empty: always open; otherwise an empty day is closed.</p>
        {WEEKDAYS.map((day) => (
          <Field key={day} label={`Opening hours ${day}`} problems={problemsAt(errors, `openingHours.${day}`)}>
            <input value={form.hours[day]} onChange={(e) => set('hours', { ...form.hours, [day]: e.target.value })} />
          </Field>
        ))}
        <Outcome error={problemsAt(errors, 'openingHours').filter((m) => !WEEKDAYS.some((day) => problemsAt(errors, `openingHours.${day}`).includes(m))).join('; ') || null} />
      </fieldset>
      <button type="submit" disabled={action.busy}>
        Save
      </button>
      <Outcome error={action.error} />
    </Dialog>
  );
};
