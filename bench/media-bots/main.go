// Command media-bots runs the speaker and the audience of bench/capacity.bench.ts, each in a
// process of its own: `media-bots publish …` (publisher.go) and `media-bots viewers`.
//
// `viewers` holds many subscribe-only LiveKit participants in one process. Each viewer is a real WebRTC subscriber (ICE, DTLS, SRTP, RTCP
// receiver reports and NACKs, through LiveKit's Go SDK on pion) that reads every RTP packet of
// the tracks it is sent and counts the bytes, but decodes nothing: a decoding client (rtc-node,
// a browser) spends more CPU per viewer than the media server does, so on a small machine the
// clients, not LiveKit, would run out first.
//
// It is driven over stdin, one command a line, and answers on stdout, one line each:
//
//	join <url> <token>  → joined <n> | failed <message>
//	stats               → stats <viewers> <rtp bytes> <rtp packets> <viewers with audio> <viewers with video>
//	quit                → disconnects everyone and exits
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/livekit/protocol/logger"
	lksdk "github.com/livekit/server-sdk-go/v2"
	"github.com/pion/webrtc/v4"
)

type viewer struct {
	room  *lksdk.Room
	audio atomic.Bool
	video atomic.Bool
}

var (
	bytes   atomic.Int64
	packets atomic.Int64
	mu      sync.Mutex
	viewers []*viewer
	out     = make(chan string, 1024)
)

func main() {
	lksdk.SetLogger(logger.GetLogger())
	logger.InitFromConfig(&logger.Config{Level: "error"}, "media-bots")
	if len(os.Args) == 6 && os.Args[1] == "publish" {
		if err := publish(os.Args[2], os.Args[3], os.Args[4], os.Args[5]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			fmt.Println("failed " + err.Error())
			os.Exit(1)
		}
		return
	}
	if len(os.Args) != 2 || os.Args[1] != "viewers" {
		fmt.Fprintln(os.Stderr, "usage: media-bots viewers | media-bots publish <url> <token> <camera|screen> <dir>")
		os.Exit(2)
	}

	done := make(chan struct{})
	go func() {
		w := bufio.NewWriter(os.Stdout)
		for line := range out {
			w.WriteString(line + "\n")
			w.Flush()
		}
		close(done)
	}()

	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 64*1024), 1024*1024)
	var joining sync.WaitGroup
	for in.Scan() {
		fields := strings.Fields(in.Text())
		if len(fields) == 0 {
			continue
		}
		switch fields[0] {
		case "join":
			if len(fields) != 3 {
				out <- "failed join needs a url and a token"
				continue
			}
			joining.Add(1)
			go func(url, token string) {
				defer joining.Done()
				join(url, token)
			}(fields[1], fields[2])
		case "stats":
			mu.Lock()
			var withAudio, withVideo int
			for _, v := range viewers {
				if v.audio.Load() {
					withAudio++
				}
				if v.video.Load() {
					withVideo++
				}
			}
			count := len(viewers)
			mu.Unlock()
			out <- fmt.Sprintf("stats %d %d %d %d %d", count, bytes.Load(), packets.Load(), withAudio, withVideo)
		case "quit":
			joining.Wait()
			mu.Lock()
			var leaving sync.WaitGroup
			for _, v := range viewers {
				leaving.Add(1)
				go func(room *lksdk.Room) {
					defer leaving.Done()
					room.Disconnect()
				}(v.room)
			}
			leaving.Wait()
			mu.Unlock()
			close(out)
			<-done
			return
		default:
			out <- "failed unknown command " + fields[0]
		}
	}
}

func join(url, token string) {
	v := &viewer{}
	callback := lksdk.NewRoomCallback()
	callback.OnTrackSubscribed = func(track *webrtc.TrackRemote, _ *lksdk.RemoteTrackPublication, _ *lksdk.RemoteParticipant) {
		if track.Kind() == webrtc.RTPCodecTypeVideo {
			v.video.Store(true)
		} else {
			v.audio.Store(true)
		}
		go func() {
			buf := make([]byte, 1600)
			for {
				n, _, err := track.Read(buf)
				if err != nil {
					return
				}
				bytes.Add(int64(n))
				packets.Add(1)
			}
		}()
	}
	room, err := lksdk.ConnectToRoomWithToken(url, token, callback, lksdk.WithAutoSubscribe(true))
	if err != nil {
		out <- "failed " + strings.ReplaceAll(err.Error(), "\n", " ")
		return
	}
	v.room = room
	mu.Lock()
	viewers = append(viewers, v)
	count := len(viewers)
	mu.Unlock()
	out <- fmt.Sprintf("joined %d", count)
}
