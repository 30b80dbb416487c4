CREATE TYPE "public"."chat_message_kind" AS ENUM('message', 'announcement');--> statement-breakpoint
CREATE TYPE "public"."poll_kind" AS ENUM('single', 'multiple');--> statement-breakpoint
CREATE TYPE "public"."poll_status" AS ENUM('draft', 'open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."question_status" AS ENUM('pending', 'open', 'answered', 'dismissed', 'merged', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."anonymous_questions" AS ENUM('off', 'hidden', 'moderators');--> statement-breakpoint
CREATE TYPE "public"."qa_mode" AS ENUM('open', 'reviewed');--> statement-breakpoint
CREATE TABLE "chat_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"author_identity" text NOT NULL,
	"author_name" text NOT NULL,
	"author_role" "room_role" NOT NULL,
	"kind" "chat_message_kind" DEFAULT 'message' NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"question_id" text
);
--> statement-breakpoint
CREATE TABLE "poll_options" (
	"id" text PRIMARY KEY NOT NULL,
	"poll_id" text NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "poll_votes" (
	"poll_id" text NOT NULL,
	"identity" text NOT NULL,
	"session_id" text NOT NULL,
	"option_ids" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "poll_votes_poll_id_identity_pk" PRIMARY KEY("poll_id","identity")
);
--> statement-breakpoint
CREATE TABLE "polls" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"question" text NOT NULL,
	"kind" "poll_kind" NOT NULL,
	"status" "poll_status" DEFAULT 'draft' NOT NULL,
	"results_visible" boolean DEFAULT false NOT NULL,
	"voters" integer DEFAULT 0 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"rev" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "question_answering" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"question_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "question_votes" (
	"question_id" text NOT NULL,
	"identity" text NOT NULL,
	"session_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "question_votes_question_id_identity_pk" PRIMARY KEY("question_id","identity")
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"author_identity" text NOT NULL,
	"author_name" text NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"author_visible_to_moderators" boolean DEFAULT true NOT NULL,
	"text" text NOT NULL,
	"status" "question_status" NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"edited_at" timestamp with time zone,
	"edited_by_moderator" boolean DEFAULT false NOT NULL,
	"answered_at" timestamp with time zone,
	"merged_into" text,
	"from_chat_message_id" text,
	"rev" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "session_rooms" ADD COLUMN "qa_mode" "qa_mode" DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "session_rooms" ADD COLUMN "anonymous_questions" "anonymous_questions" DEFAULT 'hidden' NOT NULL;--> statement-breakpoint
ALTER TABLE "session_rooms" ADD COLUMN "answering_question_id" text;--> statement-breakpoint
ALTER TABLE "session_rooms" ADD COLUMN "chat_closed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "session_rooms" ADD COLUMN "chat_slow_mode_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "session_rooms" ADD COLUMN "reaction_totals" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_options" ADD CONSTRAINT "poll_options_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_answering" ADD CONSTRAINT "question_answering_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_answering" ADD CONSTRAINT "question_answering_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_votes" ADD CONSTRAINT "question_votes_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_votes" ADD CONSTRAINT "question_votes_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chat_messages_session_idx" ON "chat_messages" USING btree ("session_id","created_at");--> statement-breakpoint
CREATE INDEX "chat_messages_author_idx" ON "chat_messages" USING btree ("session_id","author_identity","created_at");--> statement-breakpoint
CREATE INDEX "poll_options_poll_idx" ON "poll_options" USING btree ("poll_id","position");--> statement-breakpoint
CREATE INDEX "poll_votes_voter_idx" ON "poll_votes" USING btree ("session_id","identity");--> statement-breakpoint
CREATE INDEX "polls_session_idx" ON "polls" USING btree ("session_id","created_at");--> statement-breakpoint
CREATE INDEX "question_answering_session_idx" ON "question_answering" USING btree ("session_id","started_at");--> statement-breakpoint
CREATE INDEX "question_votes_voter_idx" ON "question_votes" USING btree ("session_id","identity");--> statement-breakpoint
CREATE INDEX "questions_session_idx" ON "questions" USING btree ("session_id","created_at");