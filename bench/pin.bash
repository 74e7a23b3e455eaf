# Pinning of the datapath benchmarks (sourced): PIN=N (default 0) runs iperf3's client and server
# (`-A N,N`) and the observer (`taskset -c N`) on CPU N, so that one CPU does all the work and
# whatever an observer costs, in the kernel or in its user space, comes off the throughput; PIN=
# (empty) leaves them to the scheduler. Sets PIN_OBS (a command prefix) and PIN_IPERF (iperf3 args).
# shellcheck shell=bash
PIN=${PIN-0}
PIN_OBS=() PIN_IPERF=()
if [ -n "$PIN" ]; then
	[[ "$PIN" =~ ^[0-9]+$ ]] || { echo "PIN must be a CPU number (or empty)" >&2; exit 2; }
	PIN_OBS=(taskset -c "$PIN") PIN_IPERF=(-A "$PIN,$PIN")
fi
