import type { FulfilmentView } from '../api/client';
import { JobCard } from './JobCard';
import { byUrgency, SECTIONS, sectionOf } from './queue';

/** The queue in its sections, most urgent first in each. */
export const WorkQueue = ({ jobs, locationId, now, onDone }: { jobs: readonly FulfilmentView[]; locationId: string; now: Date; onDone: (message: string) => void }) => (
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
            inSection.map((job) => <JobCard key={job.fulfilmentId} job={job} locationId={locationId} now={now} onDone={onDone} />)
          )}
        </section>
      );
    })}
  </div>
);
