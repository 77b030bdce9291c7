#include "pilotsim/distributed/MpiSession.hpp"

#include "pilotsim/core/HostName.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#ifdef PILOTSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace pilotsim {
namespace {

/// The job size the launchers put in the environment: OpenMPI's mpirun, PMIx (srun --mpi=pmix,
/// prterun), PMI-1/2 (MPICH's hydra, srun --mpi=pmi2).
constexpr std::string_view kSizeVariables[] = {"OMPI_COMM_WORLD_SIZE", "PMIX_SIZE", "PMI_SIZE"};
constexpr std::string_view kRankVariables[] = {"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"};

}  // namespace

int MpiSession::launcherSize() {
  for (std::string_view v : kSizeVariables)
    if (const char* text = std::getenv(std::string(v).c_str())) return std::max(1, std::atoi(text));
  // PMIx gives the rank but not always the size; a rank alone says that a launcher started us.
  for (std::string_view v : kRankVariables)
    if (std::getenv(std::string(v).c_str()) != nullptr) return 1;
  return 0;
}

bool MpiSession::builtWithMpi() {
#ifdef PILOTSIM_HAVE_MPI
  return true;
#else
  return false;
#endif
}

MpiSession::MpiSession(int& argc, char**& argv) : host_(hostName()) {
  const int launched = launcherSize();
  if (launched == 0) return;
#ifdef PILOTSIM_HAVE_MPI
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  joined_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  if (provided < MPI_THREAD_FUNNELED) {
    MPI_Finalize();
    joined_ = false;
    throw std::runtime_error(fmt::format(
        "the MPI library gives no thread support (level {}); pilotsim's ranks run the model on threads", provided));
  }
#else
  (void)argc;
  (void)argv;
  if (launched > 1)
    throw std::runtime_error(fmt::format(
        "an MPI launcher started this pilotsim as one of {} processes, but it was built without MPI: each would run "
        "the whole campaign. Install OpenMPI (bash scripts/setup.sh installs libopenmpi-dev) and rebuild, or run "
        "without mpirun (one process, all cores), or split the campaign with --shard",
        launched));
#endif
}

MpiSession::~MpiSession() {
#ifdef PILOTSIM_HAVE_MPI
  if (joined_) MPI_Finalize();
#endif
}

int MpiSession::firstNotReady(bool ready) const {
#ifdef PILOTSIM_HAVE_MPI
  if (joined_) {
    int mine = ready ? size_ : rank_;
    int lowest = size_;
    MPI_Allreduce(&mine, &lowest, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    return lowest == size_ ? -1 : lowest;
  }
#endif
  return ready ? -1 : 0;
}

bool MpiSession::allSame(std::uint64_t fingerprint) const {
#ifdef PILOTSIM_HAVE_MPI
  if (joined_) {
    std::uint64_t lo = 0, hi = 0;
    MPI_Allreduce(&fingerprint, &lo, 1, MPI_UINT64_T, MPI_MIN, MPI_COMM_WORLD);
    MPI_Allreduce(&fingerprint, &hi, 1, MPI_UINT64_T, MPI_MAX, MPI_COMM_WORLD);
    return lo == hi;
  }
#endif
  (void)fingerprint;
  return true;
}

void MpiSession::abort(int code) const {
#ifdef PILOTSIM_HAVE_MPI
  if (joined_) MPI_Abort(MPI_COMM_WORLD, code);
#endif
  std::exit(code);
}

}  // namespace pilotsim
