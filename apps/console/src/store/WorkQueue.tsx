import type { FulfilmentView } from '../api/client';
import { JobCard } from './JobCard';
import { byUrgency, SECTIONS, sectionOf } from './queue';

/** The queue in its sections, most urgent first in each. */
interface Props {
  readonly jobs: readonly FulfilmentView[];
  readonly locationId: string;
  readonly now: Date;
  /** The last action's result per job, shown on the job wherever it moved. */
  readonly results: Readonly<Record<string, string>>;
  readonly onDone: (fulfilmentId: string, message: string) => void;
}

export const WorkQueue = ({ jobs, locationId, now, results, onDone }: Props) => (
  <div className="queue">
    {SECTIONS.map((section) => {
      const inSection = jobs.filter((job) => sectionOf(job, locationId, now) === section.id).sort(byUrgency(now));
      const headingId = `section-${section.id}`;
      return (
        <section key={section.id} aria-labelledby={headingId}>
          <h2 id={headingId}>
            {section.title} <span className="count">{inSection.length}</span>
          </h2>
          {inSection.length === 0 ? (
            <p className="empty">Nothing here.</p>
          ) : (
            inSection.map((job) => <JobCard key={job.fulfilmentId} job={job} locationId={locationId} now={now} result={results[job.fulfilmentId]} onDone={(message) => onDone(job.fulfilmentId, message)} />)
          )}
        </section>
      );
    })}
  </div>
);
