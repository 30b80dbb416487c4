CREATE TYPE "public"."admission" AS ENUM('admitted', 'pending', 'denied');--> statement-breakpoint
CREATE TYPE "public"."room_role" AS ENUM('participant', 'speaker', 'moderator');--> statement-breakpoint
CREATE TYPE "public"."stage_state" AS ENUM('none', 'invited', 'on_stage');--> statement-breakpoint
CREATE TABLE "livekit_webhook_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "room_audit" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"actor_identity" text NOT NULL,
	"actor_name" text NOT NULL,
	"target_identity" text,
	"target_name" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "room_participants" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"identity" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"role" "room_role" NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"registration_id" text,
	"user_id" text,
	"admission" "admission" DEFAULT 'admitted' NOT NULL,
	"stage" "stage_state" DEFAULT 'none' NOT NULL,
	"stage_since" timestamp with time zone,
	"hand_raised_at" timestamp with time zone,
	"connected" boolean DEFAULT false NOT NULL,
	"connection_sid" text,
	"first_joined_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"banned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_rooms" (
	"session_id" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"doors_open_at" timestamp with time zone,
	"locked" boolean DEFAULT false NOT NULL,
	"stage_guest_limit" integer DEFAULT 3 NOT NULL,
	"live_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "room_audit" ADD CONSTRAINT "room_audit_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_participants" ADD CONSTRAINT "room_participants_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_rooms" ADD CONSTRAINT "session_rooms_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "room_audit_session_at_idx" ON "room_audit" USING btree ("session_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "room_participants_identity_idx" ON "room_participants" USING btree ("session_id","identity");--> statement-breakpoint
CREATE INDEX "room_participants_email_idx" ON "room_participants" USING btree ("session_id","email");