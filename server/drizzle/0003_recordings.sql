CREATE TYPE "public"."recording_backend" AS ENUM('builtin', 'egress');--> statement-breakpoint
CREATE TYPE "public"."recording_failure" AS ENUM('recorder_crashed', 'disk_full', 'ffmpeg_failed', 'interrupted', 'egress_failed', 'processing_failed');--> statement-breakpoint
CREATE TYPE "public"."recording_status" AS ENUM('starting', 'recording', 'stopping', 'processing', 'ready', 'failed', 'expired');--> statement-breakpoint
CREATE TYPE "public"."replay_access" AS ENUM('public', 'registrants', 'organizers');--> statement-breakpoint
CREATE TABLE "recordings" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"part" integer NOT NULL,
	"status" "recording_status" DEFAULT 'starting' NOT NULL,
	"backend" "recording_backend" NOT NULL,
	"partial" boolean DEFAULT false NOT NULL,
	"failure" "recording_failure",
	"failure_detail" text,
	"started_by_identity" text,
	"started_by_name" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"media_started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"owner" text,
	"heartbeat_at" timestamp with time zone,
	"egress_id" text,
	"raw_key" text,
	"media_key" text,
	"poster_key" text,
	"duration_ms" integer,
	"size_bytes" bigint,
	"progress" real,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "recording_retention_days" integer;--> statement-breakpoint
ALTER TABLE "series" ADD COLUMN "auto_record" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "replay_access" "replay_access" DEFAULT 'registrants' NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "auto_record" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "recordings" ADD CONSTRAINT "recordings_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recordings_session_idx" ON "recordings" USING btree ("session_id","part");--> statement-breakpoint
CREATE UNIQUE INDEX "recordings_one_active_idx" ON "recordings" USING btree ("session_id") WHERE "recordings"."status" in ('starting', 'recording', 'stopping');--> statement-breakpoint
CREATE UNIQUE INDEX "recordings_egress_idx" ON "recordings" USING btree ("egress_id");