import { MAX_RATING, type SeriesAnalytics, type SeriesSessionStats } from '@serambi/shared';
import { createMemo, createUniqueId, type JSX, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ColumnChart } from './charts/ColumnChart.tsx';
import { RankedBars } from './charts/RankedBars.tsx';
import { numberFormatter } from './number-format.ts';
import { SummaryTiles } from './SummaryTiles.tsx';

/** Sessions that took place (or are taking place): the ones with attendance to chart. */
export function heldSessions(analytics: SeriesAnalytics): SeriesSessionStats[] {
  return analytics.sessions.filter((session) => session.status === 'ended' || session.status === 'live');
}

/**
 * A series at a glance: how many came to each session and how many of them came back, how many
 * sessions people attended, what they asked about most, and how they rated each session.
 */
export function SeriesAnalyticsView(props: { analytics: SeriesAnalytics }) {
  const { t, locale } = useI18n();
  const count = createMemo(() => numberFormatter(locale()));
  const rating = createMemo(() => numberFormatter(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  const held = createMemo(() => heldSessions(props.analytics));
  const label = (session: SeriesSessionStats, index: number) =>
    t('attendance.analytics.sessionLabel', { number: session.number ?? index + 1 });
  const title = (session: SeriesSessionStats, index: number) => `${label(session, index)} ${session.title}`;
  const returningShare = () =>
    props.analytics.uniqueAttendees === 0
      ? 0
      : Math.round((props.analytics.returningAttendees / props.analytics.uniqueAttendees) * 100);

  return (
    <div class="series-analytics">
      <SummaryTiles
        label={t('attendance.analytics.summary')}
        tiles={[
          {
            label: t('attendance.analytics.sessionsHeld'),
            value: count()(held().length),
            detail: t('attendance.analytics.sessionsHeldDetail', { count: props.analytics.sessions.length }),
          },
          {
            label: t('attendance.analytics.uniqueAttendees'),
            value: count()(props.analytics.uniqueAttendees),
            detail: t('attendance.analytics.uniqueDetail'),
          },
          {
            label: t('attendance.analytics.returningAttendees'),
            value: count()(props.analytics.returningAttendees),
            detail: t('attendance.analytics.returningDetail', { percent: returningShare() }),
          },
          { label: t('attendance.analytics.questionsAsked'), value: count()(props.analytics.questionsAsked) },
        ]}
      />
      <Show when={held().length > 0} fallback={<p class="empty-state">{t('attendance.analytics.none')}</p>}>
        <ChartSection
          heading={t('attendance.analytics.attendanceHeading')}
          lead={t('attendance.analytics.attendanceLead')}
        >
          <ColumnChart
            testId="series-attendance-chart"
            mode="grouped"
            series={[
              { label: t('attendance.analytics.registered'), tone: 'registered' },
              { label: t('attendance.analytics.attended'), tone: 'attended' },
            ]}
            groups={held().map((session, index) => ({
              label: label(session, index),
              title: title(session, index),
              ...(session.attendanceRate === null ? {} : { note: `${session.attendanceRate}%` }),
              values: [session.registered, session.attended],
            }))}
            format={count()}
            caption={t('attendance.analytics.attendanceHeading')}
            summary={t('attendance.analytics.attendanceSummary', {
              count: held().length,
              details: held()
                .map((session, index) =>
                  t('attendance.analytics.attendanceItem', {
                    label: label(session, index),
                    attended: session.attended,
                    registered: session.registered,
                  }),
                )
                .join('; '),
            })}
          />
        </ChartSection>
        <div class="report-columns">
          <ChartSection
            heading={t('attendance.analytics.returningHeading')}
            lead={t('attendance.analytics.returningLead')}
          >
            <ColumnChart
              testId="series-returning-chart"
              mode="stacked"
              series={[
                { label: t('attendance.analytics.returning'), tone: 'returning' },
                { label: t('attendance.analytics.new'), tone: 'new' },
              ]}
              groups={held().map((session, index) => ({
                label: label(session, index),
                title: title(session, index),
                values: [session.returning, Math.max(session.attended - session.returning, 0)],
              }))}
              format={count()}
              caption={t('attendance.analytics.returningHeading')}
              summary={t('attendance.analytics.returningSummary', {
                count: held().length,
                details: held()
                  .map((session, index) =>
                    t('attendance.analytics.returningItem', {
                      label: label(session, index),
                      returning: session.returning,
                      fresh: Math.max(session.attended - session.returning, 0),
                    }),
                  )
                  .join('; '),
              })}
            />
          </ChartSection>
          <ChartSection heading={t('attendance.analytics.loyaltyHeading')} lead={t('attendance.analytics.loyaltyLead')}>
            <ColumnChart
              testId="series-loyalty-chart"
              mode="grouped"
              series={[{ label: t('attendance.analytics.people'), tone: 'people' }]}
              groups={props.analytics.loyalty.map((bucket) => ({
                label: String(bucket.sessions),
                title: t('attendance.analytics.loyaltyTitle', { sessions: bucket.sessions }),
                values: [bucket.people],
              }))}
              format={count()}
              axisLabel={t('attendance.analytics.loyaltyAxis')}
              caption={t('attendance.analytics.loyaltyHeading')}
              summary={t('attendance.analytics.loyaltySummary', {
                details: props.analytics.loyalty
                  .map((bucket) => t('attendance.analytics.loyaltyItem', bucket))
                  .join('; '),
              })}
            />
          </ChartSection>
        </div>
        <div class="report-columns">
          <ChartSection heading={t('attendance.analytics.topicsHeading')} lead={t('attendance.analytics.topicsLead')}>
            <Show
              when={props.analytics.topics.length > 0}
              fallback={<p class="empty-state">{t('attendance.analytics.topicsNone')}</p>}
            >
              <RankedBars
                testId="series-topics"
                label={t('attendance.analytics.topicsHeading')}
                items={props.analytics.topics.map((topic) => ({
                  label: topic.topic,
                  value: topic.questions,
                  detail: t('attendance.analytics.topicDetail', {
                    questions: count()(topic.questions),
                    votes: count()(topic.votes),
                  }),
                }))}
              />
            </Show>
          </ChartSection>
          <ChartSection heading={t('attendance.analytics.ratingHeading')} lead={t('attendance.analytics.ratingLead')}>
            <ColumnChart
              testId="series-rating-chart"
              mode="grouped"
              max={MAX_RATING}
              series={[{ label: t('attendance.analytics.rating'), tone: 'rating' }]}
              groups={held().map((session, index) => ({
                label: label(session, index),
                title: title(session, index),
                values: [session.averageRating],
              }))}
              format={rating()}
              caption={t('attendance.analytics.ratingHeading')}
              summary={t('attendance.analytics.ratingSummary', {
                details: held()
                  .map((session, index) =>
                    t('attendance.analytics.ratingItem', {
                      label: label(session, index),
                      rating:
                        session.averageRating === null
                          ? t('attendance.analytics.noRating')
                          : rating()(session.averageRating),
                    }),
                  )
                  .join('; '),
              })}
            />
          </ChartSection>
        </div>
      </Show>
    </div>
  );
}

function ChartSection(props: { heading: string; lead: string; children: JSX.Element }) {
  const id = createUniqueId();
  return (
    <section class="card report-card" aria-labelledby={id}>
      <h3 id={id} class="report-card__heading">
        {props.heading}
      </h3>
      <p class="report-card__lead">{props.lead}</p>
      {props.children}
    </section>
  );
}
