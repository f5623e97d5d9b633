// Trains LIBMF (built from the C++ source of PyPI's libmf sdist, with its recommended flags) on a
// space-separated "user item rating" file, times the training alone, and prints one JSON line:
// training seconds, test RMSE. Ids are used as row and column numbers (MovieLens ids are small).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>  // mf.h uses std::string without including it
#include <vector>

#include "mf.h"

using namespace mf;

static mf_problem read(const char *path) {
    FILE *f = std::fopen(path, "r");
    if (!f) { std::perror(path); std::exit(2); }
    std::vector<mf_node> nodes;
    long u, v;
    float r;
    mf_int m = 0, n = 0;
    while (std::fscanf(f, "%ld %ld %f", &u, &v, &r) == 3) {
        nodes.push_back(mf_node{(mf_int)u, (mf_int)v, r});
        if (u + 1 > m) m = (mf_int)(u + 1);
        if (v + 1 > n) n = (mf_int)(v + 1);
    }
    std::fclose(f);
    mf_problem p;
    p.m = m; p.n = n; p.nnz = (mf_long)nodes.size();
    p.R = new mf_node[nodes.size()];
    std::memcpy(p.R, nodes.data(), nodes.size() * sizeof(mf_node));
    return p;
}

int main(int argc, char **argv) {
    if (argc < 6) {
        std::fprintf(stderr, "usage: libmf_driver TRAIN TEST FACTORS EPOCHS THREADS\n");
        return 2;
    }
    mf_problem train = read(argv[1]), test = read(argv[2]);
    mf_parameter param = mf_get_default_param();
    param.k = std::atoi(argv[3]);
    param.nr_iters = std::atoi(argv[4]);
    param.nr_threads = std::atoi(argv[5]);
    // LIBMF wants at least 2 × threads + 1 blocks a side; its default is 26.
    if (param.nr_bins < 2 * param.nr_threads + 1) param.nr_bins = 2 * param.nr_threads + 1;
    param.quiet = true;
    param.copy_data = false;
    const auto started = std::chrono::steady_clock::now();
    mf_model *model = mf_train(&train, param);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    // Test rows and columns beyond the training ones are predicted from the mean, as LIBMF does.
    const double rmse = calc_rmse(&test, model);
    std::printf("{\"train_seconds\": %.6f, \"epochs\": %d, \"test_rmse\": %.6f}\n", seconds, param.nr_iters, rmse);
    mf_destroy_model(&model);
    return 0;
}
