CREATE TYPE "public"."live_stream_state" AS ENUM('stopped', 'connecting', 'live', 'failed', 'retrying');--> statement-breakpoint
CREATE TABLE "live_streams" (
	"session_id" text PRIMARY KEY NOT NULL,
	"address" text,
	"key_ciphertext" text,
	"key_ending" text,
	"destination_updated_at" timestamp with time zone,
	"wanted" boolean DEFAULT false NOT NULL,
	"state" "live_stream_state" DEFAULT 'stopped' NOT NULL,
	"reason" text,
	"retry_in_seconds" integer,
	"state_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_by_identity" text,
	"started_by_name" text,
	"owner" text,
	"heartbeat_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "live_streams" ADD CONSTRAINT "live_streams_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;