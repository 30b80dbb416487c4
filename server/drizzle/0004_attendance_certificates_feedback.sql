CREATE TYPE "public"."certificate_origin" AS ENUM('rule', 'manual');--> statement-breakpoint
CREATE TYPE "public"."certificate_status" AS ENUM('valid', 'revoked', 'replaced');--> statement-breakpoint
CREATE TABLE "attendance_intervals" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"identity" text NOT NULL,
	"connection_sid" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "certificate_programs" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"session_id" text,
	"series_id" text,
	"enabled" boolean DEFAULT false NOT NULL,
	"min_attendance_percent" integer DEFAULT 75 NOT NULL,
	"require_feedback" boolean DEFAULT false NOT NULL,
	"min_sessions" integer,
	"title" text,
	"locale" text DEFAULT 'id' NOT NULL,
	"logo" text,
	"signatories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_programs_session_id_unique" UNIQUE("session_id"),
	CONSTRAINT "certificate_programs_series_id_unique" UNIQUE("series_id"),
	CONSTRAINT "certificate_programs_one_scope" CHECK (("certificate_programs"."session_id" is null) <> ("certificate_programs"."series_id" is null))
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"community_id" text NOT NULL,
	"session_id" text,
	"series_id" text,
	"registration_id" text,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"locale" text DEFAULT 'id' NOT NULL,
	"status" "certificate_status" DEFAULT 'valid' NOT NULL,
	"origin" "certificate_origin" NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" text,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"replaced_by_id" text,
	"mailed_at" timestamp with time zone,
	CONSTRAINT "certificates_number_unique" UNIQUE("number"),
	CONSTRAINT "certificates_one_scope" CHECK (("certificates"."session_id" is null) <> ("certificates"."series_id" is null))
);
--> statement-breakpoint
CREATE TABLE "feedback_forms" (
	"session_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_responses" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"registration_id" text,
	"rating" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attendance_intervals" ADD CONSTRAINT "attendance_intervals_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_programs" ADD CONSTRAINT "certificate_programs_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_programs" ADD CONSTRAINT "certificate_programs_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_programs" ADD CONSTRAINT "certificate_programs_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_forms" ADD CONSTRAINT "feedback_forms_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_responses" ADD CONSTRAINT "feedback_responses_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_intervals_connection_idx" ON "attendance_intervals" USING btree ("session_id","connection_sid");--> statement-breakpoint
CREATE INDEX "attendance_intervals_identity_idx" ON "attendance_intervals" USING btree ("session_id","identity");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_session_valid_idx" ON "certificates" USING btree ("session_id","email") WHERE "certificates"."status" = 'valid' and "certificates"."session_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_series_valid_idx" ON "certificates" USING btree ("series_id","email") WHERE "certificates"."status" = 'valid' and "certificates"."series_id" is not null;--> statement-breakpoint
CREATE INDEX "certificates_session_idx" ON "certificates" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "certificates_series_idx" ON "certificates" USING btree ("series_id");--> statement-breakpoint
CREATE INDEX "certificates_email_idx" ON "certificates" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_responses_person_idx" ON "feedback_responses" USING btree ("session_id","email");